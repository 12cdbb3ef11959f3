# Reference values for package fit that VALIDATION.md does not give.
# R 4.x with actuar and fitdistrplus (Debian r-cran-actuar, r-cran-fitdistrplus).
# Run: Rscript refs.R
# Each MLE is found by optim (Nelder-Mead, then BFGS with reltol 1e-15) on log
# parameters and polished by Newton steps on a numerical Hessian until the
# score is below 1e-10; printed with 12 significant digits.
suppressMessages({library(actuar); library(fitdistrplus)})
options(digits = 12)

polish <- function(nll, th) {
  o <- optim(th, nll, method = "Nelder-Mead", control = list(reltol = 1e-14, maxit = 20000))
  o <- optim(o$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  th <- o$par
  for (i in 1:50) {
    g <- numDeriv::grad(nll, th)
    H <- numDeriv::hessian(nll, th)
    step <- solve(H, g)
    th <- th - step
    if (max(abs(step)) < 1e-12) break
  }
  th
}

## 1. Negative binomial on VALIDATION F's table: exact MLE of size with mu = mean
##    (the score in mu vanishes at the mean), by uniroot on the profile score.
k <- 0:7; f <- c(7840, 1317, 239, 42, 14, 4, 4, 1)
mu <- sum(k * f) / sum(f)
score <- function(r) sum(f * (digamma(r + k) - digamma(r))) - sum(f) * log1p(mu / r)
r <- uniroot(score, c(0.1, 10), tol = 1e-15)$root
cat(sprintf("nbinom: size %.12g mu %.12g loglik %.12g\n", r, mu, sum(f * dnbinom(k, size = r, mu = mu, log = TRUE))))
# the full two-parameter maximisation agrees:
nll <- function(th) -sum(f * dnbinom(k, size = exp(th[1]), mu = exp(th[2]), log = TRUE))
th <- polish(nll, log(c(1, 0.2)))
cat(sprintf("nbinom (2-d): size %.12g mu %.12g\n", exp(th[1]), exp(th[2])))
# fitdistrplus's default answer, which VALIDATION F quotes:
fd <- fitdist(rep(k, f), "nbinom")
cat(sprintf("fitdistrplus nbinom: size %.12g mu %.12g loglik %.12g\n", fd$estimate[1], fd$estimate[2], fd$loglik))

## 2. Dental data, Lomax (actuar pareto), log-logistic and Burr, untruncated.
x <- c(141, 16, 46, 40, 351, 259, 317, 1511, 107, 567)
fams <- list(
  pareto = list(d = function(x, p) dpareto(x, shape = p[1], scale = p[2], log = TRUE),
                p = function(x, p) ppareto(x, shape = p[1], scale = p[2]), s = c(3, 700)),
  llogis = list(d = function(x, p) dllogis(x, shape = p[1], scale = p[2], log = TRUE),
                p = function(x, p) pllogis(x, shape = p[1], scale = p[2]), s = c(1.3, 165)),
  burr = list(d = function(x, p) dburr(x, shape1 = p[1], shape2 = p[2], scale = p[3], log = TRUE),
              p = function(x, p) pburr(x, shape1 = p[1], shape2 = p[2], scale = p[3]), s = c(2, 1, 500)))
for (nm in names(fams)) {
  fm <- fams[[nm]]
  nll <- function(th) -sum(fm$d(x, exp(th)))
  p <- exp(polish(nll, log(fm$s)))
  ll <- -nll(log(p))
  F <- fm$p(sort(x), p); n <- length(x)
  ks <- max(pmax(abs(seq(1, n) / n - F), abs(seq(0, n - 1) / n - F)))
  cvm <- 1 / (12 * n) + sum((F - (2 * seq(1, n) - 1) / (2 * n))^2)
  ad <- -n - mean((2 * seq(1, n) - 1) * (log(F) + log(1 - rev(F))))
  cat(sprintf("%s: %s loglik %.12g KS %.12g CvM %.12g AD %.12g\n", nm,
              paste(sprintf("%.12g", p), collapse = " "), ll, ks, cvm, ad))
}

## 3. Dental data truncated at 30 (the 16 is dropped) and censored at 500
##    (1511 and 567 become 500+): lognormal, gamma, Weibull.
xt <- x[x > 30]; cens <- xt >= 500; xt[cens] <- 500; t <- 30
tc <- list(
  lnorm = list(d = function(x, p) dlnorm(x, p[1], p[2], log = TRUE),
               s = function(x, p) plnorm(x, p[1], p[2], lower.tail = FALSE, log.p = TRUE),
               tr = function(th) c(th[1], exp(th[2])), s0 = c(5, 0)),
  gamma = list(d = function(x, p) dgamma(x, p[1], p[2], log = TRUE),
               s = function(x, p) pgamma(x, p[1], p[2], lower.tail = FALSE, log.p = TRUE),
               tr = function(th) exp(th), s0 = log(c(1, 0.005))),
  weibull = list(d = function(x, p) dweibull(x, p[1], p[2], log = TRUE),
                 s = function(x, p) pweibull(x, p[1], p[2], lower.tail = FALSE, log.p = TRUE),
                 tr = function(th) exp(th), s0 = log(c(1, 200))))
for (nm in names(tc)) {
  fm <- tc[[nm]]
  nll <- function(th) {
    p <- fm$tr(th)
    -(sum(fm$d(xt[!cens], p)) + sum(fm$s(xt[cens], p)) - length(xt) * fm$s(t, p))
  }
  th <- polish(nll, fm$s0)
  p <- fm$tr(th)
  cat(sprintf("trunc-cens %s: %s loglik %.12g\n", nm, paste(sprintf("%.12g", p), collapse = " "), -nll(th)))
}

## 4. Dental data truncated at 30, not censored: lognormal, with the
##    goodness of fit on F_t(x) = (F(x) − F(30))/S(30).
xt <- sort(x[x > 30])
nll <- function(th) -(sum(dlnorm(xt, th[1], exp(th[2]), log = TRUE)) -
                      length(xt) * plnorm(t, th[1], exp(th[2]), lower.tail = FALSE, log.p = TRUE))
th <- polish(nll, c(5, 0))
p <- c(th[1], exp(th[2]))
F <- (plnorm(xt, p[1], p[2]) - plnorm(t, p[1], p[2])) / plnorm(t, p[1], p[2], lower.tail = FALSE)
n <- length(xt)
ks <- max(pmax(abs(seq(1, n) / n - F), abs(seq(0, n - 1) / n - F)))
cvm <- 1 / (12 * n) + sum((F - (2 * seq(1, n) - 1) / (2 * n))^2)
ad <- -n - mean((2 * seq(1, n) - 1) * (log(F) + log(1 - rev(F))))
cat(sprintf("trunc lnorm: %.12g %.12g loglik %.12g KS %.12g CvM %.12g AD %.12g\n", p[1], p[2], -nll(th), ks, cvm, ad))

## 5. Chi-square on VALIDATION F's table: cells from k = 0 upward, a cell
##    closing once its expected count reaches 5, the current cell becoming the
##    open tail "k or more" once N·P(N > k) < 5.
chisq <- function(dens, surv) {
  N <- sum(f); obs <- function(j) sum(f[k == j]); above <- function(j) sum(f[k > j])
  E <- c(); O <- c(); lo <- 0; ce <- 0; co <- 0; j <- 0
  repeat {
    ce <- ce + N * dens(j); co <- co + obs(j); tail <- N * surv(j)
    if (tail < 5) { E <- c(E, ce + tail); O <- c(O, co + above(j)); break }
    if (ce >= 5) { E <- c(E, ce); O <- c(O, co); ce <- 0; co <- 0 }
    j <- j + 1
  }
  c(cells = length(E), stat = sum((O - E)^2 / E))
}
lam <- mu
cp <- chisq(function(j) dpois(j, lam), function(j) ppois(j, lam, lower.tail = FALSE))
cat(sprintf("chisq pois: cells %d stat %.12g p %.12g\n", cp[1], cp[2], pchisq(cp[2], cp[1] - 2, lower.tail = FALSE)))
cn <- chisq(function(j) dnbinom(j, size = r, mu = mu), function(j) pnbinom(j, size = r, mu = mu, lower.tail = FALSE))
cat(sprintf("chisq nbinom: cells %d stat %.12g p %.12g\n", cn[1], cn[2], pchisq(cn[2], cn[1] - 3, lower.tail = FALSE)))

## 9. Left-truncated counts (CountsTruncated): days − 1 of hospital stays
##    recorded only from the 4th day (days − 1 ≥ 3), the table below; the
##    log-likelihood written with dnbinom/pnbinom (dpois/ppois), the MLE
##    polished as above, standard errors from numDeriv's Hessian of −ℓ in the
##    natural parameters at the MLE.
k <- 3:15; f <- c(50, 44, 40, 33, 30, 25, 22, 18, 15, 12, 10, 8, 20)
nllp <- function(p) -sum(f * (dnbinom(k, size = p[1], mu = p[2], log = TRUE) -
                              pnbinom(2, size = p[1], mu = p[2], lower.tail = FALSE, log.p = TRUE)))
nll <- function(th) nllp(exp(th))
th <- polish(nll, c(0, log(8)))
se <- sqrt(diag(solve(numDeriv::hessian(nllp, exp(th)))))
cat(sprintf("trunc nbinom k0=3: size %.12g mu %.12g loglik %.12g se %.12g %.12g\n", exp(th[1]), exp(th[2]), -nll(th), se[1], se[2]))
nllpp <- function(l) -sum(f * (dpois(k, l, log = TRUE) - ppois(2, l, lower.tail = FALSE, log.p = TRUE)))
o <- optimize(function(t) nllpp(exp(t)), c(-5, 5), tol = 1e-14)
l <- exp(o$minimum)
cat(sprintf("trunc pois k0=3: lambda %.12g loglik %.12g se %.12g\n", l, -o$objective, sqrt(1 / numDeriv::hessian(nllpp, l))))
# fitdistrplus on the same data with the truncated density as a custom
# distribution (its default optimiser stops earlier: a cross-check at ~1e-4).
dtnbinom <- function(x, size, mu, log = FALSE) {
  d <- dnbinom(x, size = size, mu = mu, log = TRUE) - pnbinom(2, size = size, mu = mu, lower.tail = FALSE, log.p = TRUE)
  d[x < 3] <- -Inf
  if (log) d else exp(d)
}
ptnbinom <- function(q, size, mu) {
  s <- pnbinom(2, size = size, mu = mu, lower.tail = FALSE)
  pmax(0, pnbinom(q, size = size, mu = mu) - pnbinom(2, size = size, mu = mu)) / s
}
fd <- suppressWarnings(fitdist(rep(k, f), "tnbinom", start = list(size = 2, mu = 6), discrete = TRUE))
cat(sprintf("fitdistrplus trunc nbinom k0=3: size %.12g mu %.12g loglik %.12g se %.12g %.12g\n",
            fd$estimate[1], fd$estimate[2], fd$loglik, fd$sd[1], fd$sd[2]))

## 10. Zero-truncated counts (k0 = 1) with actuar's own zero-truncated
##     densities dztnbinom (size, prob; mu = size(1 − prob)/prob) and
##     dztpois, on the table of section 9 moved down to start at 1.
k <- 1:13; f <- c(50, 44, 40, 33, 30, 25, 22, 18, 15, 12, 10, 8, 20)
nllzp <- function(p) -sum(f * dztnbinom(k, size = p[1], prob = p[1] / (p[1] + p[2]), log = TRUE))
nllz <- function(th) nllzp(exp(th))
th <- polish(nllz, c(0, log(5)))
se <- sqrt(diag(solve(numDeriv::hessian(nllzp, exp(th)))))
cat(sprintf("ztnbinom: size %.12g mu %.12g loglik %.12g se %.12g %.12g\n", exp(th[1]), exp(th[2]), -nllz(th), se[1], se[2]))
o <- optimize(function(t) -sum(f * dztpois(k, exp(t), log = TRUE)), c(-5, 5), tol = 1e-14)
cat(sprintf("ztpois: lambda %.12g loglik %.12g\n", exp(o$minimum), -o$objective))
# VALIDATION F's table without its zeros has no interior zero-truncated
# nbinom maximum: the profile log-likelihood rises as size → 0 (the
# logarithmic-series limit).
k <- 1:7; f <- c(1317, 239, 42, 14, 4, 4, 1)
nllz <- function(th) -sum(f * dztnbinom(k, size = exp(th[1]), prob = exp(th[1]) / (exp(th[1]) + exp(th[2])), log = TRUE))
prof <- sapply(c(-1, -3, -6), function(s) -optimize(function(m) nllz(c(s, m)), c(-10, 3), tol = 1e-12)$objective)
cat(sprintf("ztnbinom F profile at size e^-1, e^-3, e^-6: %.12g %.12g %.12g\n", prof[1], prof[2], prof[3]))
