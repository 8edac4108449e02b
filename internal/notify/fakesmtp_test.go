package notify

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
)

// fakeSMTP is a small SMTP server for tests: enough of RFC 5321 for
// net/smtp's client (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no
// authentication. Recipients in reject get a permanent 550.
type fakeSMTP struct {
	ln     net.Listener
	reject map[string]bool
	mu     sync.Mutex
	msgs   []fakeMsg
	wg     sync.WaitGroup
}

type fakeMsg struct {
	From, To string
	Data     string
}

// startFakeSMTP listens on addr ("127.0.0.1:0" for any port).
func startFakeSMTP(t *testing.T, addr string, reject ...string) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln, reject: map[string]bool{}}
	for _, r := range reject {
		f.reject[r] = true
	}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.wg.Add(1)
			go func() { defer f.wg.Done(); f.serve(c) }()
		}
	}()
	t.Cleanup(f.stop)
	return f
}

func (f *fakeSMTP) addr() string { return f.ln.Addr().String() }

// stop closes the listener and waits for the sessions to end.
func (f *fakeSMTP) stop() {
	f.ln.Close()
	f.wg.Wait()
}

func (f *fakeSMTP) messages() []fakeMsg {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeMsg(nil), f.msgs...)
}

func (f *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { c.Write([]byte(s + "\r\n")) }
	say("220 fake ESMTP")
	var cur fakeMsg
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-fake")
			say("250 8BITMIME")
		case "MAIL":
			cur = fakeMsg{From: addrOf(line)}
			say("250 ok")
		case "RCPT":
			to := addrOf(line)
			if f.reject[to] {
				say("550 5.1.1 <" + to + "> no such user")
				continue
			}
			cur.To = to
			say("250 ok")
		case "DATA":
			say("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			cur.Data = b.String()
			f.mu.Lock()
			f.msgs = append(f.msgs, cur)
			f.mu.Unlock()
			say("250 queued")
		case "RSET", "NOOP":
			say("250 ok")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

// addrOf extracts the address between < and > of a MAIL or RCPT line.
func addrOf(line string) string {
	i, j := strings.IndexByte(line, '<'), strings.IndexByte(line, '>')
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}
