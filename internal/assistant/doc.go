// Package assistant is the virtual assistant (trợ lý ảo): it answers a
// citizen's question from the published guides, with the guide as its
// source; asks which service is meant when two or three are close; says
// so when a question is not about public services; and hands the citizen
// to a person — a case in package cases — when asked, or after two
// answers in a row that could not help. It needs no language model and
// no outside service, and knows nothing of HTTP: package web puts it
// behind POST /api/v1/assistant/ask, the /tro-ly page and the widget.
//
// # How a question is answered
//
//  1. The question is checked (1–1,000 characters of text), normalised
//     (vn.Normalize) and its personal data redacted (vn.RedactPII) before
//     anything else sees it.
//  2. It is analysed (text.go, intent.go): syllables folded, chat shorthand
//     expanded ("dk" → đăng ký, "ko" → không, "hk" → không or, after
//     "sổ" or "nhập", hộ khẩu), a token no service has read as the Telex
//     keys of a keyboard left unconverted when the syllable they spell is
//     one a service has ("hooj khaaur" is hộ khẩu: telex.go,
//     vn.FromTelex), the intent read from its
//     words (giấy tờ, các bước, lệ phí, bao lâu, ở đâu/online, ai, điều
//     kiện — with or without diacritics) and set aside with neutral words
//     ("thủ tục", "cho hỏi") to leave its topic; requests for a person,
//     greetings, thanks, questions about the assistant itself ("bạn là
//     ai") and everyday off-topic subjects recognised.
//  3. The search index (package search, the site's own: BM25F over the
//     catalogue with abbreviations and typos) proposes services. Each is
//     then weighed on three pieces of evidence (analysis.go): its rank;
//     the best similarity, between 0 and 1, of the question's topic with
//     one of the ways the catalogue names and asks about the service — its
//     name, keywords, FAQ questions and their paraphrases, compared by
//     their topics too (model.go, match.go) — which means the same for
//     every question, as BM25 scores do not; and the share of the topic
//     the service's whole text says. A word weighs by how few services'
//     text says it and, when it names services (in names and keywords),
//     mostly by how few it names (search.NamingShare): "căn cước" is a
//     paper to bring in every guide but the name of one service. Typos
//     are fixed against the words of the catalogue (a word no service
//     uses, or a pair of words none says: "hộ chịu" is hộ chiếu, "sang
//     têm" sang tên; but not a word that makes a known pair with its
//     other neighbour: "còn độc thân" keeps "độc"), i/y spellings
//     unified, and abbreviations and everyday names read both as typed
//     and expanded (vn.Synonyms). "Mất" or "chết" after a relative, before
//     no thing lost, is read as "qua đời" too (death.go): "mất" is to lose
//     in most of the catalogue.
//  4. The decision (decide.go) applies thresholds calibrated on the
//     development questions (see the constants there) and checked on
//     questions written apart from them (testdata): out of scope when
//     the catalogue speaks to nothing in the question, it says none of
//     the ways a service is named in full, and it does not tell a story
//     that says much of one service (storyCovered: the weight covered,
//     not the share, as a long story fits little), or it names an
//     everyday subject and does not both fit well and name a service in
//     full (a sweetheart, "người yêu", needs only the name, said in the
//     citizen's own words: couples ask how to marry); a handoff when a person is
//     asked for or after the second answer in a row that could not help;
//     clarify when the best service is not far enough ahead or its
//     evidence is weak (a lead of clearLead is answered however weak
//     the match, answerable; a service named in the citizen's words by a
//     phrase holding another's name, "sang tên sổ đỏ", and the only one
//     of the close services the citizen names, by words the others'
//     names lack, "thẻ căn cước bị rách", are answered too: analysis.go);
//     otherwise answered — with the FAQ that matches the
//     question, answers all it asks and shares a telling word with it,
//     else the guide's sections for the intents (compose.go), else an
//     overview, led by the passage of the guide that concerns what the
//     question says (passage.go) — and always the link /dich-vu/{slug}.
//     Follow-ups that name no service ("mất bao lâu?") are answered about
//     the service in context, and so are those that tell the citizen's
//     case ("bé có phải đi cùng không", "nếu quá hạn 60 ngày thì sao")
//     unless they name another service (said in full, with a verb of
//     doing it or as all the question says: "làm căn cước mất bao
//     lâu", "hộ chiếu bao nhiêu tiền") or another service's text and
//     the words naming it say clearly more of them (followsUp,
//     switchesTo, namingLead), the passage that concerns the case first.
//     Where, how and when words ("lên ủy ban xã hay làm trên mạng")
//     name no service, and a question that fits none but asks something
//     in words the catalogue knows is about the service in context; a
//     paper to bring or that the citizen lacks is one of it ("có cần
//     mang cccd không"). A question that asks something and names
//     nothing, with nothing discussed ("có mất phí không"), is asked
//     which service it is about. Where the citizen is, who they are and who
//     acts for whom ("nó đang ở Bắc Ninh còn hộ khẩu ở Nghệ An", "mẹ tôi
//     77 tuổi rồi có phải tự đi không": case.go, places.go, with the
//     provinces and districts of package units) are in no guide: a
//     follow-up is weighed with them set aside too, and a first question
//     that would be put back is read again without them, and again
//     without the story told before the phrase that asks ("Tôi xây nhà
//     mới, muốn xin lắp công tơ điện thì…": story.go, reread). What
//     the citizen tells as done ("mình đã xin giấy xác nhận tình trạng
//     hôn nhân rồi, giờ đăng ký kết hôn ở đâu") or puts off ("xét tuyển
//     thì để sau") is set aside when it names a service of its own and
//     the rest leans to another (done.go); a state ("hộ chiếu hết hạn
//     rồi") or a loss ("làm mất bằng lái rồi") is the case; so is the
//     paper to copy ("bản sao có chứng thực sổ đỏ": copied.go), when the
//     rest names the copy wanted. A follow-up that says it asks anew
//     ("tiện hỏi luôn") or that the matter in hand is done ("xong rồi
//     muốn …") goes to the service that leads it; one that says another
//     service only as its FAQ asks, in words naming the context as well
//     ("được đk mấy nguyện vọng" after admission to grade 10), stays,
//     and one whose words name another service far more than the
//     context ("… xin giấy xác nhận độc thân ở đâu" after a marriage)
//     moves on. An office, a home or a channel named as the place to
//     file ("bhxh huyện hay xã", "chỗ đang tạm trú", "qua dvc hay
//     vneid": offices.go) names no other service. A correction ("à
//     nhầm, … chứ không phải giấy độc thân") is read without what it
//     rejects (correction.go), and one that says it was misunderstood
//     ("nhầm, …", "ý là …"), like one relayed for another person ("bác
//     hỏi …", as a volunteer types for the queue), asks anew
//     (followup.go). The conversation remembers the services
//     it was about (State.Discussed): a question that points back at one
//     ("quay lại vụ nghĩa vụ", "cái đầu tiên ấy", "còn cái kia thì sao")
//     is about it, and so is one that leans to it more than to the
//     service in hand, by its text and by the words naming it
//     (backref.go). A question whether another procedure must be done
//     first ("có phải về quê cắt khẩu trước không" while moving one's
//     household registration) is answered about it while the
//     conversation stays on the matter in hand, and the other, like a
//     paper named in full in passing ("ngta bảo phải có giấy xác nhận
//     độc thân"), is remembered as its side matter (State.Aside): "giấy
//     đó xin ở đâu" next takes it up (aside.go). A question the
//     assistant could not place keeps the context. A reply to a clarifying question ("2", "số 2", a
//     slug, a name) picks the option, keeping what the first question
//     asked. `loa eval assistant --conversations` measures follow-ups on
//     conversation sets (testdata/conversations-*.tsv).
//  5. The conversation's state and the turn (redacted question, status,
//     service, confidence, latency) are written to assistant_conversations
//     and assistant_turns (migrations 00008, 00025 and 00026), with the handoff's case in the
//     same transaction, so any replica can take the next message.
package assistant
