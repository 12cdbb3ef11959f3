package aggregate

import (
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"
)

// fftPools keep gonum's FFT plans by length: a plan's setup (its twiddle
// factors, a sine and a cosine a point) costs about a tenth of the
// transforms the member, compound and convolution lattices then do with
// it. A reused plan gives the same numbers to the bit (its factors depend
// on the length alone); a plan is used by one goroutine at a time.
var fftPools sync.Map // int → *sync.Pool

// getFFT returns an FFT plan of length n, from the pool when one is free.
func getFFT(n int) *fourier.FFT {
	if p, ok := fftPools.Load(n); ok {
		if f, ok := p.(*sync.Pool).Get().(*fourier.FFT); ok {
			return f
		}
	}
	return fourier.NewFFT(n)
}

// putFFT gives a plan back for reuse.
func putFFT(f *fourier.FFT) {
	p, _ := fftPools.LoadOrStore(f.Len(), &sync.Pool{})
	p.(*sync.Pool).Put(f)
}
