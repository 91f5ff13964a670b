package layout

import (
	"strings"
)

// Symbol fonts whose letters draw checkboxes.
const (
	fontWingdings  = "wingdings"
	fontWingdings2 = "wingdings2"
)

// symbolFontName maps a font name onto one of the symbol fonts boxRune
// knows, or "" for a font whose characters are ordinary Unicode (MS Gothic,
// Segoe UI Symbol).
func SymbolFont(font string) string {
	switch strings.ToLower(strings.ReplaceAll(font, " ", "")) {
	case "wingdings":
		return fontWingdings
	case "wingdings2":
		return fontWingdings2
	}
	return ""
}

// boxRune reports whether r, printed in the given symbol font ("" for an
// ordinary font), draws a checkbox or a tick, and whether it is checked.
// Word writes symbol-font characters either as themselves (þ in Wingdings)
// or shifted into the private use area (U+F0FE).
func BoxRune(r rune, font string) (checked, ok bool) {
	if r >= 0xF000 && r <= 0xF0FF {
		r -= 0xF000
		if font == "" {
			font = fontWingdings
		}
	}
	switch font {
	case fontWingdings:
		switch r {
		case 0xFE, 0xFD, 0x78, 0xFC, 0x6E: // ☑ ☒ ⌧ ✓ ■
			return true, true
		case 0xA8, 0x6F, 0x71: // ◻ □ ❑
			return false, true
		}
		return false, false
	case fontWingdings2:
		switch r {
		case 0x52, 0x54, 0x50, 0x51: // ☑ ☒ ✓ ✔
			return true, true
		case 0xA3, 0x2A: // □
			return false, true
		}
		return false, false
	}
	switch r {
	case '☒', '☑', '⌧', '✓', '✔', '■', '▣':
		return true, true
	case '☐', '□', '❑', '◻':
		return false, true
	}
	return false, false
}
