// Package actuarial is the pure mathematics of huzhu: it knows nothing of plans,
// workbooks or the command line. Its sub-packages are
//
//	dist       frequency and severity distributions (R's parameterisations)
//	fit        maximum-likelihood fitting with truncation and censoring, goodness of fit
//	aggregate  the distribution of a total claim cost: FFT, Panjer, Monte Carlo, risk measures
package actuarial
