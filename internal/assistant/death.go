package assistant

// A citizen who has lost a parent rarely names a procedure: "bố em vừa
// mất hôm qua, giờ gia đình phải báo với xã những gì". "Mất" is also to
// lose (mất căn cước, mất bằng lái), the commoner sense in the
// catalogue, so it weighs little there; after a relative and before no
// thing lost, it means died, and the question is read as saying "qua
// đời" as well (bagOf).

// kinWords are the relatives, folded, after whom "mất" or "chết" says
// that person died.
var kinWords = map[string]bool{
	"bo": true, "ba": true, "cha": true, "tia": true, "me": true, "ma": true, "u": true, "bam": true,
	"ong": true, "cu": true, "chong": true, "vo": true, "anh": true, "chi": true, "chu": true,
	"bac": true, "co": true, "di": true, "cau": true, "mo": true, "thim": true, "noi": true,
	"ngoai": true, "nha": true, "nguoi": true,
}

// afterDeath are the folded words that may follow "mất" meaning died: a
// time, a place, a particle, or nothing. A thing lost ("mất giấy", "mất
// ví") follows the other sense.
var afterDeath = map[string]bool{
	"roi": true, "hom": true, "nam": true, "thang": true, "tuan": true, "ngay": true, "sang": true,
	"trua": true, "chieu": true, "toi": true, "dem": true, "tu": true, "duoc": true, "o": true,
	"tai": true, "thi": true, "ma": true, "nen": true, "de": true, "gio": true, "da": true,
	"cach": true, "hon": true, "luc": true, "khi": true, "trong": true, "va": true, "nhung": true,
	"a": true, "ah": true, "oi": true,
}

// diedWords say that someone died, written with their marks: typed with
// marks, "mắt" (eye) and "mặt" (face) are not "mất".
var diedWords = newPhraseSet([]string{"mất", "chết"})

// diedSpan is how far before "mất" a relative may be: "bố em vừa mất".
const diedSpan = 3

// saysDied reports whether token i of phrase pi of t says that a
// relative died.
func saysDied(t text, pi, i int) bool {
	p := t.folded[pi]
	if !diedWords.startsAt(t, pi, i) || i+1 < len(p) && !afterDeath[p[i+1]] {
		return false
	}
	for k := max(0, i-diedSpan); k < i; k++ {
		if kinWords[p[k]] {
			return true
		}
	}
	return false
}

// diedReading is how the catalogue says that someone died.
var diedReading = []string{"qua", "doi"}
