// Package archtest holds tests of the code's shape: dependencies point one
// way, cmd → app → web → domain packages → db and vn.
package archtest
