package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"log"
	"strings"
)

// hostile returns files the reader must refuse quickly and cheaply, each
// as an unreadable form. good is a sound .docx to damage.
func hostile(good []byte) map[string][]byte {
	docStart := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	return map[string][]byte{
		// Declares 80 MB of document.xml: refused from the zip directory.
		"hostile_zip_bomb.docx": bomb(docStart, 80<<20, false),
		// 16 MB from 16 KB: under the size limit, over the ratio limit.
		"hostile_ratio_bomb.docx": bomb(docStart, 16<<20, false),
		// Claims 2,000 bytes but inflates to 16 MB: stopped while reading.
		"hostile_lying_sizes.docx": bomb(docStart, 16<<20, true),
		"hostile_truncated.docx":   good[:len(good)/2],
		"hostile_not_a_zip.docx":   noise(32 << 10),
		"hostile_no_document.docx": zipOf([][2]string{
			{"[Content_Types].xml", contentTypes("word/document.xml")},
			{"notes.txt", "Nothing to see here."},
		}),
		"hostile_corrupt_xml.docx": pack(docStart + `Name of child</w:r></w:p></w:body></w:document>`),
		"hostile_deep_nesting.docx": pack(docStart + `</w:t></w:r></w:p>` +
			strings.Repeat(`<w:tbl><w:tr><w:tc>`, 20000) + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 20000) +
			`</w:body></w:document>`),
		"hostile_encrypted.docx": ole("EncryptionInfo", "EncryptedPackage"),
		"old_binary.doc":         ole("WordDocument", "1Table"),
	}
}

// bomb makes a .docx whose document.xml is n bytes, mostly spaces. With
// lie, the zip headers claim 2,000 bytes instead.
func bomb(start string, n int, lie bool) []byte {
	var raw bytes.Buffer
	fw, err := flate.NewWriter(&raw, flate.BestCompression)
	if err != nil {
		log.Fatal(err)
	}
	crc := crc32.NewIEEE()
	write := func(b []byte) {
		crc.Write(b)
		if _, err := fw.Write(b); err != nil {
			log.Fatal(err)
		}
	}
	write([]byte(start))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for left := n - len(start); left > 0; left -= len(chunk) {
		write(chunk[:min(left, len(chunk))])
	}
	if err := fw.Close(); err != nil {
		log.Fatal(err)
	}
	size := uint64(n)
	if lie {
		size = 2000
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate, Modified: stamp,
		CRC32: crc.Sum32(), CompressedSize64: uint64(raw.Len()), UncompressedSize64: size,
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := w.Write(raw.Bytes()); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// noise is deterministic pseudo-random bytes.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// ole makes the start of an OLE compound file whose directory names the
// given streams: enough for the reader to tell an old .doc from a
// password-protected .docx, which Office wraps in one.
func ole(streams ...string) []byte {
	b := make([]byte, 512, 2048)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	for _, s := range append([]string{"Root Entry"}, streams...) {
		entry := make([]byte, 128)
		for i := 0; i < len(s); i++ {
			entry[2*i] = s[i]
		}
		entry[64] = byte(2*len(s) + 2)
		b = append(b, entry...)
	}
	return b
}
