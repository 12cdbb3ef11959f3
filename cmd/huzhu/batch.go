package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

// batchUsage are the help texts of the flags the batch commands share that
// say what each starts from and projects.
type batchUsage struct{ terms, sims, seed string }

// addBatchFlags adds the flags scenarios, sensitivity and stress share:
// --terms, --sims (default sims), --seed, --workers and --wide.
func (a *App) addBatchFlags(cmd *cobra.Command, terms *string, paths *int, seed *uint64, workers *int, sims int, u batchUsage) {
	f := cmd.Flags()
	f.StringVar(terms, "terms", "", u.terms)
	f.IntVar(paths, "sims", sims, u.sims)
	f.Uint64Var(seed, "seed", action.DefaultSeed, u.seed)
	f.IntVar(workers, "workers", 0, "goroutines (0: all cores); results do not depend on it")
	a.addWide(cmd)
}

// runWithExcel runs a batch action with a progress bar (message code
// progress, its steps through *step) and writes its result and, when output
// is not "", its workbook (checked before the run; message code wrote).
func runWithExcel[R excelOutput](app *App, output string, force bool, progress, wrote string, step *func(done, total int), run func() (R, error)) error {
	if output != "" {
		if err := action.CheckXLSXPath(output); err != nil {
			return err
		}
	}
	bar := app.progress(app.Lang.T(progress))
	*step = bar.step
	r, err := run()
	bar.done()
	if err != nil {
		return err
	}
	return app.writeWithExcel(r, output, force, wrote)
}
