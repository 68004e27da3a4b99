// Command greeter is a tiny HTTP service used to prove deployc's generated build end to end.
// It serves on a socket passed in by systemd (socket activation) or on -listen.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"example.com/greeter/internal/version"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on without socket activation")
	showVersion := flag.Bool("version", false, "print the version and exit")
	check := flag.String("check", "", "probe this URL and exit 0 when it answers 2xx (a health check for images without curl)")
	flag.Parse()
	if *check != "" {
		os.Exit(probe(*check))
	}
	if *showVersion {
		fmt.Printf("greeter %s (commit %s, built %s)\n", version.Version, version.Commit, version.Date)
		return
	}
	ln, err := listener(*listen)
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from greeter %s\n", version.Version)
	})
	log.Fatal(http.Serve(ln, mux))
}

func probe(url string) int {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		fmt.Fprintln(os.Stderr, resp.Status)
		return 1
	}
	return 0
}

// listener takes the first socket systemd passed (fd 3) when LISTEN_PID names this process.
func listener(fallback string) (net.Listener, error) {
	if pid, err := strconv.Atoi(os.Getenv("LISTEN_PID")); err == nil && pid == os.Getpid() {
		if n, err := strconv.Atoi(os.Getenv("LISTEN_FDS")); err == nil && n > 0 {
			return net.FileListener(os.NewFile(3, "systemd-socket"))
		}
	}
	return net.Listen("tcp", fallback)
}
