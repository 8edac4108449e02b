// Package llm is a client for an OpenAI-compatible chat-completions
// endpoint (a model served on the agency's own machines: vLLM, llama.cpp's
// server, Ollama, or a hosted one). The assistant may use it to word its
// answers from the sections it retrieved; the assistant checks every
// answer against them, so this package only asks and returns the text.
// It is off unless LOA_LLM_URL is set.
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/loa-vn/loa/internal/assistant"
)

// Config says where the model is.
type Config struct {
	// URL is the chat-completions endpoint, or the API base it is under
	// ("http://127.0.0.1:8000/v1" gets "/chat/completions" appended).
	URL string
	// Model is the model name the endpoint expects; APIKey, when set, is
	// sent as a bearer token.
	Model  string
	APIKey string
	// HTTP is the client (http.DefaultClient when nil); the caller's
	// context bounds each call.
	HTTP *http.Client
}

// Client writes answers with the model. It implements assistant.Writer.
type Client struct {
	cfg      Config
	endpoint string
}

// New returns a client for cfg, or an error when the URL is not http(s).
func New(cfg Config) (*Client, error) {
	u := strings.TrimRight(strings.TrimSpace(cfg.URL), "/")
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return nil, fmt.Errorf("llm: URL %q: want http:// or https://", cfg.URL)
	}
	if !strings.HasSuffix(u, "/chat/completions") {
		u += "/chat/completions"
	}
	if cfg.HTTP == nil {
		cfg.HTTP = http.DefaultClient
	}
	return &Client{cfg: cfg, endpoint: u}, nil
}

// systemPrompt tells the model to answer from the sections only and cite
// them; the assistant checks that it did.
const systemPrompt = "Bạn là trợ lý ảo hướng dẫn người dân làm thủ tục hành chính và dịch vụ công trực tuyến ở Việt Nam. " +
	"Chỉ dùng thông tin trong các đoạn nguồn được cung cấp, không thêm thông tin nào khác, không tự đặt ra con số. " +
	"Trả lời ngắn gọn, dễ hiểu, bằng tiếng Việt có dấu, xưng \"bạn\". " +
	"Sau mỗi câu, ghi mã đoạn nguồn đã dùng trong ngoặc vuông, ví dụ [S1]. " +
	"Nếu các đoạn nguồn không trả lời được câu hỏi, chỉ viết đúng: " + assistant.NoAnswer

// maxReply bounds the bytes read from the endpoint.
const maxReply = 1 << 20

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type request struct {
	Model       string    `json:"model,omitempty"`
	Messages    []message `json:"messages"`
	Temperature float64   `json:"temperature"`
	MaxTokens   int       `json:"max_tokens"`
}

type response struct {
	Choices []struct {
		Message message `json:"message"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// Write asks the model to answer question from sections.
func (c *Client) Write(ctx context.Context, question string, sections []assistant.Section) (string, error) {
	if len(sections) == 0 {
		return "", errors.New("llm: write: no sections")
	}
	var user strings.Builder
	user.WriteString("Các đoạn nguồn:\n")
	for _, s := range sections {
		fmt.Fprintf(&user, "[%s] %s\n%s\n\n", s.ID, s.Title, s.Text)
	}
	user.WriteString("Câu hỏi của người dân: ")
	user.WriteString(question)
	body, err := json.Marshal(request{Model: c.cfg.Model, Temperature: 0, MaxTokens: 500, Messages: []message{
		{Role: "system", Content: systemPrompt}, {Role: "user", Content: user.String()}}})
	if err != nil {
		return "", fmt.Errorf("llm: write: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm: write: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return "", fmt.Errorf("llm: write: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return "", fmt.Errorf("llm: write: read reply: %w", err)
	}
	var out response
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("llm: write: status %d: reply is not JSON: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		msg := ""
		if out.Error != nil {
			msg = out.Error.Message
		}
		return "", fmt.Errorf("llm: write: status %d: %s", resp.StatusCode, msg)
	}
	if len(out.Choices) == 0 {
		return "", errors.New("llm: write: reply has no choices")
	}
	return out.Choices[0].Message.Content, nil
}
