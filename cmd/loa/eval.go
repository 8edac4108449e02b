package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

const evalUsage = `Cách dùng:
  loa eval assistant --questions FILE.tsv [--addr URL] [--channel web] [--explain] [-v]
  loa eval assistant --conversations FILE.tsv [--addr URL] [--channel web] [-v]
  loa eval retrieval --corpus corpus.jsonl --queries queries.jsonl --qrels qrels.tsv
`

func cmdEval(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, evalUsage)
		return errSilent
	}
	switch args[0] {
	case "assistant":
		return evalAssistant(ctx, env, args[1:])
	case "retrieval":
		return evalRetrieval(ctx, env, args[1:])
	}
	fmt.Fprintf(env.stderr, "loa eval: không rõ %q\n%s", args[0], evalUsage)
	return errSilent
}

// asker sends one message — in a new conversation when conversation is
// empty — and returns the answer and the time it took (without waits
// imposed by a rate limit).
type asker func(ctx context.Context, conversation, question string) (*assistant.Answer, time.Duration, error)

// evalAssistant runs every question of an evaluation set, each in a new
// conversation, or every conversation of a conversation set, and prints
// the outcomes overall and per style, then the report as JSON on the last
// line. Without --addr it runs in this process against a fresh temporary
// SQLite database holding the demo catalogue.
func evalAssistant(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("eval assistant", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("questions", "", "tệp TSV: câu hỏi, slug mong đợi (cách nhau bởi |) hoặc out_of_scope, kiểu viết")
	convFile := fs.String("conversations", "", "tệp TSV hội thoại: số hội thoại, tin nhắn, slug mong đợi hoặc out_of_scope; các dòng cùng số là một hội thoại")
	addr := fs.String("addr", "", "địa chỉ máy chủ Loa đang chạy (http://127.0.0.1:8080); bỏ trống để chạy trong tiến trình với dữ liệu mẫu")
	channel := fs.String("channel", "web", "kênh gửi kèm mỗi câu hỏi")
	explain := fs.Bool("explain", false, "in điểm của từng câu và phân bố điểm dùng để hiệu chỉnh ngưỡng (chỉ khi chạy trong tiến trình)")
	verbose := fs.Bool("v", false, "in kết quả của mọi câu hỏi, không chỉ các câu chưa đúng")
	if err := fs.Parse(args); err != nil {
		return errSilent
	}
	if (*file == "") == (*convFile == "") || fs.NArg() > 0 {
		fmt.Fprint(env.stderr, evalUsage)
		return errSilent
	}
	var set []assistant.EvalQuestion
	var convs []assistant.EvalConversation
	var err error
	if *file != "" {
		set, err = readFile(*file, assistant.ReadEvalSet)
	} else {
		if *explain {
			fmt.Fprintln(env.stderr, "loa eval assistant: --explain chỉ dùng với --questions")
			return errSilent
		}
		convs, err = readFile(*convFile, assistant.ReadConversationSet)
	}
	if err != nil {
		return fmt.Errorf("eval assistant: %w", err)
	}
	var ask asker
	var engine *assistant.Engine
	if *addr != "" {
		if *explain {
			fmt.Fprintln(env.stderr, "loa eval assistant: --explain chỉ dùng khi chạy trong tiến trình (không có --addr)")
			return errSilent
		}
		ask = httpAsker(*addr, *channel)
	} else {
		dir, err := os.MkdirTemp("", "loa-eval-")
		if err != nil {
			return fmt.Errorf("eval assistant: %w", err)
		}
		defer os.RemoveAll(dir)
		var closeFn func() error
		engine, closeFn, err = demoEngine(ctx, filepath.Join(dir, "loa.db"))
		if err != nil {
			return err
		}
		defer closeFn()
		ask = func(ctx context.Context, conv, q string) (*assistant.Answer, time.Duration, error) {
			start := time.Now()
			a, err := engine.Ask(ctx, assistant.Request{Question: q, ConversationID: conv, Channel: *channel})
			return a, time.Since(start), err
		}
	}
	report := assistant.NewEvalReport()
	if set != nil {
		err = runQuestions(ctx, env, ask, set, report, *verbose)
	} else {
		err = runConversations(ctx, env, ask, convs, report, *verbose)
	}
	if err != nil {
		return err
	}
	report.Finish()
	printReport(env.stdout, report)
	if *explain {
		printCalibration(env.stdout, engine, set)
	}
	js, err := json.Marshal(report)
	if err != nil {
		return fmt.Errorf("eval assistant: %w", err)
	}
	fmt.Fprintln(env.stdout, string(js))
	return nil
}

// readFile opens path and reads it with read.
func readFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}

// runQuestions asks each question of set in a conversation of its own.
func runQuestions(ctx context.Context, env environment, ask asker, set []assistant.EvalQuestion, report *assistant.EvalReport, verbose bool) error {
	for _, q := range set {
		a, latency, err := askOnce(ctx, ask, "", q)
		if err != nil {
			return err
		}
		o := report.Add(q, a, latency)
		if verbose || (o != assistant.OutcomeCorrect && o != assistant.OutcomeHandled) {
			fmt.Fprintf(env.stdout, "%-11s %-13s %s → %s\n", o, a.Status, q.Question, describe(a))
		}
	}
	return nil
}

// runConversations sends the messages of each conversation in order, in
// one conversation, and judges each answer. When the assistant asks back
// and offers the expected service, the citizen taps it (its number, as
// the quick replies send it) before the next message: the follow-ups are
// then judged in the context a citizen would have. The tap itself is not
// judged; the question it answered counts as recovered.
func runConversations(ctx context.Context, env environment, ask asker, convs []assistant.EvalConversation, report *assistant.EvalReport, verbose bool) error {
	for _, c := range convs {
		conv := ""
		var lines []string
		failed := false
		for _, q := range c.Turns {
			a, latency, err := askOnce(ctx, ask, conv, q)
			if err != nil {
				return err
			}
			if a.ConversationID != "" {
				conv = a.ConversationID
			}
			o := report.Add(q, a, latency)
			failed = failed || (o != assistant.OutcomeCorrect && o != assistant.OutcomeHandled)
			lines = append(lines, fmt.Sprintf("  %-11s %-13s %s → %s", o, a.Status, q.Question, describe(a)))
			if pick := q.PickExpected(a); pick != "" {
				if _, _, err := askOnce(ctx, ask, conv, assistant.EvalQuestion{Line: q.Line, Question: pick}); err != nil {
					return err
				}
				lines = append(lines, "              (chọn "+pick+")")
			}
		}
		if verbose || failed {
			fmt.Fprintf(env.stdout, "hội thoại %s:\n%s\n", c.Number, strings.Join(lines, "\n"))
		}
	}
	return nil
}

// askOnce asks q in conversation conv; a question the server refuses as
// invalid is not answered and comes back with status "invalid", which
// counts as missed.
func askOnce(ctx context.Context, ask asker, conv string, q assistant.EvalQuestion) (*assistant.Answer, time.Duration, error) {
	a, latency, err := ask(ctx, conv, q.Question)
	if err != nil {
		var inv *assistant.InvalidError
		if !errors.As(err, &inv) {
			return nil, 0, fmt.Errorf("eval assistant: line %d: %w", q.Line, err)
		}
		a = &assistant.Answer{Status: "invalid"}
	}
	return a, latency, nil
}

// demoEngine opens a fresh SQLite database at path, loads the demo
// catalogue and returns an assistant over it, as `loa serve` wires one.
func demoEngine(ctx context.Context, path string) (*assistant.Engine, func() error, error) {
	a, err := app.Open(ctx, app.Options{SQLitePath: path})
	if err != nil {
		return nil, nil, err
	}
	if _, err := a.Catalog.SeedDemo(ctx); err != nil {
		a.Close()
		return nil, nil, err
	}
	syn := vn.DefaultSynonyms()
	index := search.New(syn)
	live := catalog.NewLive(a.Catalog)
	live.OnChange(func(s *catalog.Snapshot) { index.Replace(search.CatalogDocs(s.Services)) })
	if err := live.Load(ctx); err != nil {
		a.Close()
		return nil, nil, err
	}
	e := assistant.New(a.DB, live, index, cases.NewStore(a.DB), assistant.Options{Synonyms: syn})
	e.Refresh(live.Current())
	return e, a.Close, nil
}

// httpAsker posts questions to a running server's JSON API, waiting and
// retrying when its rate limit answers 429.
func httpAsker(addr, channel string) asker {
	base := strings.TrimRight(addr, "/")
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	client := &http.Client{Timeout: 30 * time.Second}
	return func(ctx context.Context, conv, q string) (*assistant.Answer, time.Duration, error) {
		body, _ := json.Marshal(assistant.Request{Question: q, ConversationID: conv, Channel: channel})
		deadline := time.Now().Add(2 * time.Minute)
		for {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/assistant/ask", bytes.NewReader(body))
			if err != nil {
				return nil, 0, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json")
			start := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				return nil, 0, err
			}
			data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
			took := time.Since(start)
			if err != nil {
				return nil, 0, err
			}
			switch {
			case resp.StatusCode == http.StatusOK:
				var a assistant.Answer
				if err := json.Unmarshal(data, &a); err != nil {
					return nil, 0, fmt.Errorf("decode answer: %w", err)
				}
				return &a, took, nil
			case resp.StatusCode == http.StatusTooManyRequests && time.Now().Before(deadline):
				wait := time.Second
				if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
					wait = max(time.Duration(s)*time.Second, 50*time.Millisecond)
				}
				select {
				case <-ctx.Done():
					return nil, 0, ctx.Err()
				case <-time.After(wait):
				}
			case resp.StatusCode == http.StatusBadRequest:
				var e struct {
					Error struct{ Code, Message string } `json:"error"`
				}
				_ = json.Unmarshal(data, &e)
				return nil, took, &assistant.InvalidError{Field: "question", Message: e.Error.Message}
			default:
				return nil, 0, fmt.Errorf("POST %s/api/v1/assistant/ask: %s: %s", base, resp.Status, bytes.TrimSpace(data))
			}
		}
	}
}

// describe sums up an answer on one line.
func describe(a *assistant.Answer) string {
	switch {
	case len(a.Sources) > 0:
		return a.Sources[0].Slug + " (" + a.Sources[0].Section + ")"
	case len(a.Options) > 0:
		var s []string
		for _, o := range a.Options {
			s = append(s, o.Slug)
		}
		return "[" + strings.Join(s, ", ") + "]"
	case a.CaseCode != "":
		return a.CaseCode
	}
	return "-"
}

func printReport(w io.Writer, r *assistant.EvalReport) {
	fmt.Fprintf(w, "\n%-14s %5s %8s %9s %9s %6s %7s %9s\n", "kiểu", "câu", "đúng", "+gỡ được", "sai", "trượt", "ngoài PV", "xử lý NPV")
	line := func(name string, c *assistant.EvalCounts) {
		if c.InScope == 0 {
			fmt.Fprintf(w, "%-14s %5d %8s %9s %9s %6s %7d %8d/%d\n", name, c.Questions, "-", "-", "-", "-", c.OutOfScope, c.Handled, c.OutOfScope)
			return
		}
		fmt.Fprintf(w, "%-14s %5d %7.1f%% %8.1f%% %8.1f%% %6d %7d %8d/%d\n", name, c.Questions,
			100*c.CorrectRate, 100*c.CorrectOrRecovered, 100*c.WrongRate, c.Missed, c.OutOfScope, c.Handled, c.OutOfScope)
	}
	for _, s := range r.Styles() {
		line(s, r.ByStyle[s])
	}
	line("tổng", &r.EvalCounts)
	verdict := "ĐẠT"
	if !r.Pass {
		verdict = "CHƯA ĐẠT"
	}
	fmt.Fprintf(w, "\nTrong phạm vi: %d câu — trả lời đúng %d (%.1f%%, ngưỡng ≥ %.0f%%), gỡ được bằng câu hỏi lại %d, đúng + gỡ được %.1f%% (≥ %.0f%%), sai %d (%.1f%%, ≤ %.0f%%), trượt %d.\n",
		r.InScope, r.Correct, 100*r.CorrectRate, 100*assistant.BarCorrect, r.Recovered, 100*r.CorrectOrRecovered,
		100*assistant.BarCorrectOrRecovered, r.Wrong, 100*r.WrongRate, 100*assistant.BarWrong, r.Missed)
	fmt.Fprintf(w, "Ngoài phạm vi: %d/%d được xử lý. Thời gian trả lời p50 %.2f ms, p99 %.2f ms. Kết quả: %s.\n",
		r.Handled, r.OutOfScope, r.LatencyMS.P50, r.LatencyMS.P99, verdict)
}

// printCalibration prints, for the in-scope questions, the evidence of the
// best candidate when it is right and when it is wrong, and the fit of the
// out-of-scope questions, beside the thresholds in use: the thresholds
// belong between the groups, with room on both sides.
func printCalibration(w io.Writer, e *assistant.Engine, set []assistant.EvalQuestion) {
	type row struct {
		q                       assistant.EvalQuestion
		right                   bool
		score, margin, sim, fit float64
	}
	var rows []row
	for _, q := range set {
		x := e.Explain(q.Question)
		r := row{q: q, fit: x.Fit}
		if len(x.Candidates) > 0 {
			c := x.Candidates[0]
			r.right = slices.Contains(q.Expected, c.Slug)
			r.score, r.sim, r.margin = c.Score, c.Similarity, c.Score
			if len(x.Candidates) > 1 {
				r.margin = c.Score - x.Candidates[1].Score
			}
		}
		rows = append(rows, r)
	}
	fmt.Fprintln(w, "\nHiệu chỉnh — từng câu (đúng/sai = ứng viên đứng đầu có phải thủ tục mong đợi):")
	fmt.Fprintf(w, "%-6s %6s %6s %6s %6s  %s\n", "nhóm", "điểm", "cách", "khớp", "fit", "câu hỏi")
	groups := map[string][]row{}
	for _, r := range rows {
		g := "sai"
		switch {
		case r.q.OutOfScope:
			g = "npv"
		case r.right:
			g = "đúng"
		}
		groups[g] = append(groups[g], r)
		fmt.Fprintf(w, "%-6s %6.2f %6.2f %6.2f %6.2f  %s\n", g, r.score, r.margin, r.sim, r.fit, r.q.Question)
	}
	stat := func(name string, rs []row, get func(row) float64) {
		if len(rs) == 0 {
			return
		}
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = get(r)
		}
		slices.Sort(v)
		q := func(p float64) float64 { return v[min(int(p*float64(len(v))), len(v)-1)] }
		fmt.Fprintf(w, "  %-5s n=%-3d min %.2f  p10 %.2f  trung vị %.2f  max %.2f\n", name, len(v), v[0], q(0.10), q(0.5), v[len(v)-1])
	}
	for _, m := range []struct {
		name string
		get  func(row) float64
	}{
		{"khớp cụm từ (min_similarity)", func(r row) float64 { return r.sim }},
		{"cách biệt với ứng viên thứ hai (answer_margin)", func(r row) float64 { return r.margin }},
		{"fit (min_fit, off_topic_fit)", func(r row) float64 { return r.fit }},
	} {
		fmt.Fprintf(w, "\nPhân bố %s:\n", m.name)
		for _, g := range []string{"đúng", "sai", "npv"} {
			stat(g, groups[g], m.get)
		}
	}
	th := assistant.Thresholds()
	names := make([]string, 0, len(th))
	for k := range th {
		names = append(names, k)
	}
	slices.Sort(names)
	fmt.Fprint(w, "\nNgưỡng đang dùng:")
	for _, k := range names {
		fmt.Fprintf(w, " %s=%.2f", k, th[k])
	}
	fmt.Fprintln(w)
}

// evalRetrieval ranks a BEIR corpus with the search index — the same
// analysis and scoring the assistant uses — and prints the metrics, then
// the same as JSON on the last line.
func evalRetrieval(_ context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("eval retrieval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	corpus := fs.String("corpus", "", "corpus.jsonl (BEIR)")
	queries := fs.String("queries", "", "queries.jsonl (BEIR)")
	qrels := fs.String("qrels", "", "qrels.tsv (BEIR)")
	noSyn := fs.Bool("no-synonyms", false, "không mở rộng truy vấn bằng bảng từ viết tắt")
	if err := fs.Parse(args); err != nil {
		return errSilent
	}
	if *corpus == "" || *queries == "" || *qrels == "" || fs.NArg() > 0 {
		fmt.Fprint(env.stderr, evalUsage)
		return errSilent
	}
	var files [3]*os.File
	for i, name := range []string{*corpus, *queries, *qrels} {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("eval retrieval: %w", err)
		}
		defer f.Close()
		files[i] = f
	}
	start := time.Now()
	m, err := search.EvaluateBEIR(files[0], files[1], files[2], search.EvalOptions{NoSynonyms: *noSyn})
	if err != nil {
		return fmt.Errorf("eval retrieval: %w", err)
	}
	fmt.Fprintf(env.stdout, "%d truy vấn trong %s: R@1 %.3f · R@5 %.3f · R@10 %.3f · MRR@10 %.3f · nDCG@10 %.3f\n",
		m.Queries, time.Since(start).Round(time.Millisecond), m.R1, m.R5, m.R10, m.MRR10, m.NDCG10)
	js, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("eval retrieval: %w", err)
	}
	fmt.Fprintln(env.stdout, string(js))
	return nil
}
