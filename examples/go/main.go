// Only Go's standard library: net/http is its web server
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

// Handling GET requests to / (and HEAD, as Express does); any other path or method is not found
func hello(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8") // what Express's res.send says
	fmt.Fprint(w, "Hello, World!")
}

func main() {
	// Starting the server (PORT from the environment, as hosting platforms set it)
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	// Taking the port first, so that a busy one is reported before we say we are running
	listener, err := net.Listen("tcp", ":"+port)
	if err != nil { // say, another server already on the port
		fmt.Fprintf(os.Stderr, "Cannot start the server: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("Server is running on http://localhost:%s\n", port)
	log.Fatal(http.Serve(listener, http.HandlerFunc(hello)))
}
