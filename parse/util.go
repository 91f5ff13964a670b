package parse

import (
	"bufio"
	"bytes"
)

func bufioReader(b []byte) *bufio.Reader {
	if len(b) == 0 || !bytes.HasSuffix(b, []byte("\n\n")) && !bytes.HasSuffix(b, []byte("\r\n\r\n")) {
		b = append(append([]byte(nil), b...), "\r\n\r\n"...)
	}
	return bufio.NewReader(bytes.NewReader(b))
}
