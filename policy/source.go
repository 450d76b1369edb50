package policy

// EmbeddedSource returns the TOML file shipped in the binary that t was
// loaded from, or false for terms that came from elsewhere.
func EmbeddedSource(t *Terms) ([]byte, bool) {
	if t == nil || t.file == "" {
		return nil, false
	}
	data, err := termsFS.ReadFile(t.file)
	return data, err == nil
}
