package main

import "github.com/loa-vn/loa/internal/channels"

// zaloConfig reads the Zalo Official Account channel's settings; all
// empty leaves the channel off.
func zaloConfig(env environment) channels.ZaloConfig {
	return channels.ZaloConfig{
		AppID:        env.getenv("LOA_ZALO_APP_ID"),
		OASecret:     env.getenv("LOA_ZALO_OA_SECRET"),
		AppSecret:    env.getenv("LOA_ZALO_APP_SECRET"),
		AccessToken:  env.getenv("LOA_ZALO_ACCESS_TOKEN"),
		RefreshToken: env.getenv("LOA_ZALO_REFRESH_TOKEN"),
	}
}

// messengerConfig reads the Facebook Messenger channel's settings; all
// empty leaves the channel off.
func messengerConfig(env environment) channels.MessengerConfig {
	return channels.MessengerConfig{
		AppSecret:   env.getenv("LOA_MESSENGER_APP_SECRET"),
		VerifyToken: env.getenv("LOA_MESSENGER_VERIFY_TOKEN"),
		PageToken:   env.getenv("LOA_MESSENGER_PAGE_TOKEN"),
	}
}
