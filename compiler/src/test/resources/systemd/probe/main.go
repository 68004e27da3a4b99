// The stand-in daemon of the real-systemd tests: installed at every program path a generated unit
// starts, it does what a well-behaved daemon does under systemd and reports what it saw.
//
// As a daemon it
//   - serves every socket passed by LISTEN_FDS (names from LISTEN_FDNAMES): stream listeners,
//     datagram sockets, and the single connection of an Accept=yes instance;
//   - answers "PING" with a PONG line naming the descriptor, and HTTP GET /healthz with 200;
//   - sends READY=1 to NOTIFY_SOCKET, then WATCHDOG=1 every WATCHDOG_USEC/2;
//   - writes into its state, runtime, cache and logs directories and into the paths listed in
//     /etc/deployc-probe/paths, and reads its credentials;
//   - prints one "DEPLOYC-PROBE report {json}" line to the journal, a "reload N" line on SIGHUP and
//     a "stopping" line on SIGTERM, then exits 0.
//
// When its own invocation (program and arguments) is a line of /etc/deployc-probe/exit it does not
// serve but exits 0: "oneshot" (ExecStart= of Type=oneshot) after its report, "command"
// (ExecStartPre=, ExecStopPost= and the like) after a "command" line, and "reload" (an ExecReload=
// that runs the daemon's own program) after asking the running daemon, $MAINPID, to reload with
// SIGHUP, where the real program would use its own control channel.
// Lines are KIND TAB PROGRAM (TAB WORD)*, and a last word "*" matches any further arguments.
//
// It takes SIGHUP, SIGUSR1 and SIGUSR2 as a reload ("reload N on SIGNAME") and SIGTERM and SIGINT
// as a stop ("stopping on SIGNAME").
//
// As a client, "--deployc-probe-dial NETWORK ADDRESS" sends PING and prints the reply.
// "healthcheck" as the first argument exits 0.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type fdInfo struct {
	Fd        int    `json:"fd"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	Listening bool   `json:"listening"`
	Local     string `json:"local"`
}

type pathInfo struct {
	Exists   bool   `json:"exists"`
	ReadOnly bool   `json:"readOnlyMount"`
	Write    string `json:"write"`
}

type report struct {
	Program     string              `json:"program"`
	Pid         int                 `json:"pid"`
	Uid         int                 `json:"uid"`
	Gid         int                 `json:"gid"`
	Groups      []int               `json:"groups"`
	Args        []string            `json:"args"`
	Env         map[string]string   `json:"env"`
	Fds         []fdInfo            `json:"fds"`
	Paths       map[string]pathInfo `json:"paths"`
	Credentials map[string]string   `json:"credentials"`
	Notify      string              `json:"notify"`
	HardLimits  map[string]uint64   `json:"hardLimits"`
}

var (
	out  sync.Mutex
	self = executable()
)

func say(format string, a ...interface{}) {
	out.Lock()
	defer out.Unlock()
	fmt.Printf("DEPLOYC-PROBE "+format+"\n", a...)
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "--deployc-probe-dial":
			os.Exit(dial(os.Args[2], os.Args[3]))
		case "healthcheck":
			fmt.Println("healthy")
			return
		}
	}
	daemon()
}

func daemon() {
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGTERM, syscall.SIGINT)

	r := report{Program: self, Pid: os.Getpid(), Uid: os.Getuid(), Gid: os.Getgid(), Args: os.Args[1:],
		Env: map[string]string{}, Paths: map[string]pathInfo{}, Credentials: map[string]string{}}
	r.Groups, _ = os.Getgroups()
	for _, kv := range os.Environ() {
		if i := strings.IndexByte(kv, '='); i > 0 {
			r.Env[kv[:i]] = kv[i+1:]
		}
	}
	fds := inheritedFds()
	for _, f := range fds {
		r.Fds = append(r.Fds, f.info)
	}
	for _, p := range pathsToProbe() {
		r.Paths[p] = probePath(p)
	}
	readCredentials(r.Credentials)
	r.HardLimits = hardLimits()

	kind := invocation("/etc/deployc-probe/exit")
	if kind == "command" || kind == "reload" {
		data, _ := json.Marshal(map[string]interface{}{"program": self, "args": r.Args, "uid": r.Uid})
		say("command %s", data)
		if kind == "reload" {
			pid, err := strconv.Atoi(os.Getenv("MAINPID"))
			if err != nil || pid <= 0 {
				say("reload command without $MAINPID")
				os.Exit(1)
			}
			if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
				say("reload command could not signal %d: %v", pid, err)
				os.Exit(1)
			}
			say("reload command signalled %d", pid)
		}
		return
	}
	oneshot := kind == "oneshot"
	done := make(chan struct{})
	accepted := false
	for _, f := range fds {
		if !f.info.Listening && f.info.Type == "stream" {
			accepted = true
		}
		go serve(f, done)
	}
	r.Notify = notify("READY=1\nSTATUS=serving " + strconv.Itoa(len(fds)) + " sockets")
	report, _ := json.Marshal(r)
	say("report %s", report)
	if oneshot {
		return
	}
	if usec, err := strconv.ParseInt(os.Getenv("WATCHDOG_USEC"), 10, 64); err == nil && usec > 0 {
		go func() {
			for range time.Tick(time.Duration(usec) * time.Microsecond / 2) {
				notify("WATCHDOG=1")
			}
		}()
	}
	reloads := 0
	for {
		select {
		case <-done:
			if accepted {
				say("connection served, exiting")
				return
			}
		case s := <-signals:
			if s == syscall.SIGHUP || s == syscall.SIGUSR1 || s == syscall.SIGUSR2 {
				reloads++
				notify("RELOADING=1")
				say("reload %d on %s", reloads, signame(s))
				notify("READY=1")
				continue
			}
			say("stopping on %s", signame(s))
			notify("STOPPING=1")
			return
		}
	}
}

func signame(s os.Signal) string {
	switch s {
	case syscall.SIGHUP:
		return "SIGHUP"
	case syscall.SIGUSR1:
		return "SIGUSR1"
	case syscall.SIGUSR2:
		return "SIGUSR2"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGINT:
		return "SIGINT"
	}
	return s.String()
}

func executable() string {
	p, err := os.Executable()
	if err != nil {
		return "?"
	}
	return p
}

// invocation is the kind of the first line of file that this program and its arguments match, or "".
func invocation(file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		// /proc/self/exe names the file itself: /sbin/x is /usr/sbin/x on a merged /usr
		if program, err := filepath.EvalSymlinks(f[1]); err != nil || program != self {
			continue
		}
		words, args := f[2:], os.Args[1:]
		open := len(words) > 0 && words[len(words)-1] == "*"
		if open {
			words = words[:len(words)-1]
		}
		if len(args) < len(words) || !open && len(args) != len(words) {
			continue
		}
		match := true
		for i, w := range words {
			if args[i] != w {
				match = false
				break
			}
		}
		if match {
			return f[0]
		}
	}
	return ""
}

type inherited struct {
	info fdInfo
	file *os.File
}

func inheritedFds() []inherited {
	if os.Getenv("LISTEN_PID") != strconv.Itoa(os.Getpid()) {
		return nil
	}
	n, _ := strconv.Atoi(os.Getenv("LISTEN_FDS"))
	names := strings.Split(os.Getenv("LISTEN_FDNAMES"), ":")
	var fds []inherited
	for i := 0; i < n; i++ {
		fd := 3 + i
		syscall.CloseOnExec(fd)
		info := fdInfo{Fd: fd, Type: "other"}
		if i < len(names) {
			info.Name = names[i]
		}
		if t, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_TYPE); err == nil {
			switch t {
			case syscall.SOCK_STREAM:
				info.Type = "stream"
			case syscall.SOCK_DGRAM:
				info.Type = "datagram"
			case syscall.SOCK_SEQPACKET:
				info.Type = "seqpacket"
			}
		}
		if l, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_ACCEPTCONN); err == nil {
			info.Listening = l == 1
		}
		if sa, err := syscall.Getsockname(fd); err == nil {
			info.Local = sockaddr(sa)
		}
		fds = append(fds, inherited{info, os.NewFile(uintptr(fd), "listen-"+info.Name)})
	}
	return fds
}

func sockaddr(sa syscall.Sockaddr) string {
	switch a := sa.(type) {
	case *syscall.SockaddrInet4:
		return net.JoinHostPort(net.IP(a.Addr[:]).String(), strconv.Itoa(a.Port))
	case *syscall.SockaddrInet6:
		return net.JoinHostPort(net.IP(a.Addr[:]).String(), strconv.Itoa(a.Port))
	case *syscall.SockaddrUnix:
		if strings.HasPrefix(a.Name, "\x00") {
			return "@" + a.Name[1:]
		}
		return a.Name
	}
	return "?"
}

func serve(f inherited, done chan<- struct{}) {
	name := f.info.Name
	switch {
	case f.info.Type == "datagram":
		pc, err := net.FilePacketConn(f.file)
		if err != nil {
			say("fd %d (%s): %v", f.info.Fd, name, err)
			return
		}
		buf := make([]byte, 2048)
		for {
			_, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			pc.WriteTo([]byte(pong(name)), from)
		}
	case f.info.Listening:
		l, err := net.FileListener(f.file)
		if err != nil {
			say("fd %d (%s): %v", f.info.Fd, name, err)
			return
		}
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go answer(c, name)
		}
	default:
		c, err := net.FileConn(f.file)
		if err != nil {
			say("fd %d (%s): %v", f.info.Fd, name, err)
		} else {
			answer(c, name)
		}
		done <- struct{}{}
	}
}

func pong(name string) string {
	return fmt.Sprintf("PONG name=%s program=%s uid=%d pid=%d\n", name, self, os.Getuid(), os.Getpid())
}

func answer(c net.Conn, name string) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	line, _ := bufio.NewReader(c).ReadString('\n')
	if strings.HasPrefix(line, "GET ") {
		body := pong(name)
		status := "200 OK"
		if f := strings.Fields(line); len(f) > 1 && f[1] != "/healthz" && f[1] != "/" {
			status, body = "404 Not Found", "not found\n"
		}
		fmt.Fprintf(c, "HTTP/1.0 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", status, len(body), body)
		return
	}
	c.Write([]byte(pong(name)))
}

// notify sends a message to systemd's notification socket; it returns what happened.
func notify(state string) string {
	addr := os.Getenv("NOTIFY_SOCKET")
	if addr == "" {
		return "no NOTIFY_SOCKET"
	}
	// Go maps a leading "@" to the abstract namespace itself.
	c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		return err.Error()
	}
	defer c.Close()
	if _, err := c.Write([]byte(state)); err != nil {
		return err.Error()
	}
	return "sent"
}

func pathsToProbe() []string {
	seen := map[string]bool{"/usr": true, "/etc": true}
	for _, v := range []string{"STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CACHE_DIRECTORY", "LOGS_DIRECTORY"} {
		for _, p := range strings.Split(os.Getenv(v), ":") {
			if p != "" {
				seen[p] = true
			}
		}
	}
	if data, err := os.ReadFile("/etc/deployc-probe/paths"); err == nil {
		for _, p := range strings.Split(string(data), "\n") {
			if p != "" {
				seen[p] = true
			}
		}
	}
	var paths []string
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

func probePath(p string) pathInfo {
	info := pathInfo{}
	if _, err := os.Stat(p); err != nil {
		info.Write = err.Error()
		return info
	}
	info.Exists = true
	var st syscall.Statfs_t
	if err := syscall.Statfs(p, &st); err == nil {
		info.ReadOnly = st.Flags&0x1 != 0 // ST_RDONLY
	}
	file := filepath.Join(p, fmt.Sprintf(".deployc-probe-%d", os.Getpid()))
	if err := os.WriteFile(file, []byte("probe\n"), 0o600); err != nil {
		info.Write = err.Error()
	} else {
		info.Write = "ok"
		os.Remove(file)
	}
	return info
}

// hardLimits are the hard resource limits systemd set (Go raises the soft open-files limit itself).
func hardLimits() map[string]uint64 {
	out := map[string]uint64{}
	for name, res := range map[string]int{"NOFILE": syscall.RLIMIT_NOFILE, "CORE": syscall.RLIMIT_CORE, "NPROC": 6, "MEMLOCK": 8} {
		var l syscall.Rlimit
		if err := syscall.Getrlimit(res, &l); err == nil {
			out[name] = l.Max
		}
	}
	return out
}

func readCredentials(into map[string]string) {
	dir := os.Getenv("CREDENTIALS_DIRECTORY")
	if dir == "" {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		into["!"] = err.Error()
		return
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			into[e.Name()] = "!" + err.Error()
		} else {
			into[e.Name()] = string(data)
		}
	}
}

func dial(network, address string) int {
	c, err := net.DialTimeout(network, address, 5*time.Second)
	if err != nil {
		fmt.Println("dial:", err)
		return 1
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte("PING\n")); err != nil {
		fmt.Println("write:", err)
		return 1
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		fmt.Println("read:", err)
		return 1
	}
	fmt.Print(reply)
	return 0
}
