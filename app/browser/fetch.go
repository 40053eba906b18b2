package browser

// NetworkError reports that a request got no HTTP answer at all: the browser was offline, the server
// was down, or the request was aborted. Name and Message come from the JavaScript error
// (for example "TypeError" and "Failed to fetch").
type NetworkError struct {
	Name    string
	Message string
}

func (e *NetworkError) Error() string { return "browser: fetch: " + e.Name + ": " + e.Message }
