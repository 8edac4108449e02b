package main

import "testing"

func TestChannelConfigFromEnv(t *testing.T) {
	vars := map[string]string{
		"LOA_ZALO_APP_ID": "1", "LOA_ZALO_OA_SECRET": "oa", "LOA_ZALO_APP_SECRET": "app",
		"LOA_ZALO_ACCESS_TOKEN": "at", "LOA_ZALO_REFRESH_TOKEN": "rt",
		"LOA_MESSENGER_APP_SECRET": "ms", "LOA_MESSENGER_VERIFY_TOKEN": "vt", "LOA_MESSENGER_PAGE_TOKEN": "pt",
	}
	env := environment{getenv: func(k string) string { return vars[k] }}
	z, m := zaloConfig(env), messengerConfig(env)
	if z.AppID != "1" || z.OASecret != "oa" || z.AppSecret != "app" || z.AccessToken != "at" || z.RefreshToken != "rt" {
		t.Fatalf("zalo %+v", z)
	}
	if m.AppSecret != "ms" || m.VerifyToken != "vt" || m.PageToken != "pt" {
		t.Fatalf("messenger %+v", m)
	}
	none := environment{getenv: func(string) string { return "" }}
	if zaloConfig(none).Enabled() || messengerConfig(none).Enabled() {
		t.Fatal("channels on without configuration")
	}
}
