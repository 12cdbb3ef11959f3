# Reference values for chainladder_test.go: the chain ladder and Mack (1993) standard errors on RAA, in base R.
# Rscript raa.R
options(digits=15)
raa <- matrix(NA, 10, 10)
rows <- list(c(5012,8269,10907,11805,13539,16181,18009,18608,18662,18834),
c(106,4285,5396,10666,13782,15599,15496,16169,16704),
c(3410,8992,13873,16141,18735,22214,22863,23466),
c(5655,11555,15766,21266,23425,26083,27067),
c(1092,9565,15836,22169,25955,26180),
c(1513,6445,11702,12935,15852),
c(557,4020,10946,12314),
c(1351,6947,13112),
c(3133,5395),
c(2063))
for (i in 1:10) raa[i,1:length(rows[[i]])] <- rows[[i]]
n <- 10
f <- numeric(n-1); sig2 <- numeric(n-1)
for (j in 1:(n-1)) {
  i <- 1:(n-j)
  f[j] <- sum(raa[i,j+1])/sum(raa[i,j])
  if (length(i) > 1) sig2[j] <- sum(raa[i,j]*(raa[i,j+1]/raa[i,j]-f[j])^2)/(length(i)-1)
}
sig2[n-1] <- min(sig2[n-2]^2/sig2[n-3], min(sig2[n-3], sig2[n-2]))
full <- raa
for (i in 2:n) for (j in (n-i+2):n) full[i,j] <- full[i,j-1]*f[j-1]
ult <- full[,n]
latest <- sapply(1:n, function(i) raa[i,n-i+1])
# Mack MSE
S <- sapply(1:(n-1), function(k) sum(raa[1:(n-k),k]))
mse <- numeric(n)
for (i in 2:n) { s <- 0; for (k in (n-i+1):(n-1)) s <- s + sig2[k]/f[k]^2*(1/full[i,k]+1/S[k]); mse[i] <- ult[i]^2*s }
tot <- sum(mse)
for (i in 2:(n-1)) { s<-0; for (k in (n-i+1):(n-1)) s <- s + 2*sig2[k]/f[k]^2/S[k]; tot <- tot + ult[i]*sum(ult[(i+1):n])*s }
cat("f", sprintf("%.15g", f), "\n")
cat("sig2", sprintf("%.15g", sig2), "\n")
cat("ult", sprintf("%.15g", ult), "\n")
cat("se", sprintf("%.15g", sqrt(mse)), "\n")
cat("total", sprintf("%.15g", c(sum(latest), sum(ult), sum(ult)-sum(latest), sqrt(tot))), "\n")
