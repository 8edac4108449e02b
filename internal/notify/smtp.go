package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"
)

// Config says how to reach the SMTP server and what to put in links.
type Config struct {
	// Addr is host:port of the submission server (LOA_SMTP_ADDR, often
	// port 587); empty turns delivery off and messages wait.
	Addr string
	// User and Password authenticate (LOA_SMTP_USER, LOA_SMTP_PASSWORD);
	// empty User sends without authentication.
	User, Password string
	// From is the sender, "Loa <no-reply@loa.gov.vn>" (LOA_SMTP_FROM).
	From string
	// BaseURL is the site's public address, for the status page link.
	BaseURL string
	// Timeout bounds one delivery; zero means 30 seconds.
	Timeout time.Duration
}

// ConfigFromEnv reads the LOA_SMTP_* variables through getenv.
func ConfigFromEnv(getenv func(string) string) Config {
	return Config{Addr: getenv("LOA_SMTP_ADDR"), User: getenv("LOA_SMTP_USER"),
		Password: getenv("LOA_SMTP_PASSWORD"), From: getenv("LOA_SMTP_FROM")}
}

// Enabled reports whether delivery is configured.
func (c Config) Enabled() bool { return c.Addr != "" }

// errPermanent marks a refusal that no retry will change.
var errPermanent = errors.New("notify: permanent refusal")

// send delivers one message to one recipient. A 5xx reply to RCPT TO is
// wrapped in errPermanent; anything else may succeed later.
func (c Config) send(ctx context.Context, from, to string, msg []byte) error {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("notify: smtp address: %w", err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("notify: smtp dial: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("notify: smtp greeting: %w", err)
	}
	defer cl.Close()
	if err := cl.Hello("localhost"); err != nil {
		return fmt.Errorf("notify: smtp hello: %w", err)
	}
	if ok, _ := cl.Extension("STARTTLS"); ok {
		if err := cl.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return fmt.Errorf("notify: smtp starttls: %w", err)
		}
	}
	if c.User != "" {
		// net/smtp's PLAIN refuses to send the password without TLS except
		// to localhost, which is what we want.
		if err := cl.Auth(smtp.PlainAuth("", c.User, c.Password, host)); err != nil {
			return fmt.Errorf("notify: smtp auth: %w", err)
		}
	}
	if err := cl.Mail(from); err != nil {
		return fmt.Errorf("notify: smtp mail from: %w", err)
	}
	if err := cl.Rcpt(to); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) && te.Code >= 500 {
			return fmt.Errorf("%w: rcpt %d", errPermanent, te.Code)
		}
		return fmt.Errorf("notify: smtp rcpt: %w", err)
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("notify: smtp data: %w", err)
	}
	// The server has the message; a failed QUIT changes nothing.
	_ = cl.Quit()
	return nil
}
