package plans

import "testing"

// Every kind has one spec: a known benefit list, both names, and parses
// back from its key; unknown keys do not parse.
func TestKindSpecs(t *testing.T) {
	if len(Kinds()) != 7 {
		t.Fatalf("%d kinds, want 7", len(Kinds()))
	}
	seen := map[string]bool{}
	for _, k := range Kinds() {
		s, ok := k.Spec()
		if !ok || s.Zh == "" || s.En == "" || len(s.Benefits) == 0 || seen[s.Zh] || seen[s.En] {
			t.Errorf("%s: spec %+v, %v", k, s, ok)
		}
		seen[s.Zh], seen[s.En] = true, true
		if got, ok := ParseKind(" " + string(k) + " "); !ok || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, ok)
		}
		if k.Label("zh") != s.Zh || k.Label("en") != s.En {
			t.Errorf("%s: labels %q, %q", k, k.Label("zh"), k.Label("en"))
		}
		for _, b := range s.Benefits {
			if !k.Allows(b) || b.Label("zh") == string(b) {
				t.Errorf("%s: benefit %s", k, b)
			}
		}
	}
	if _, ok := ParseKind("pension"); ok {
		t.Error("pension parsed as a kind")
	}
	if Hospital.Allows(Fire) || NonworkAccidentFire.Allows(Medical) {
		t.Error("allows a benefit not of the kind")
	}
}
