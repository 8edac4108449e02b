// Package vn holds the Vietnamese text functions every other package
// shares: normalisation (NFC, one tone-mark placement, tidy whitespace),
// folding (lower case, đ→d, no diacritics), syllable tokens and bigrams,
// the table of abbreviations and everyday names citizens type, typo
// tolerance for search, and validation and redaction of personal numbers
// (CCCD, mobile phones, e-mail, card numbers).
//
// Everything here is a pure function of its input (the synonym table is
// the one value with state, and it is safe for concurrent use). Inputs come
// from outside — forms, the API, imported files — so every function accepts
// any string, including invalid UTF-8, without panicking; the fuzz targets
// in this package hold them to that.
package vn
