package casework

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/kscmp/intake"
)

// RetryEmail makes an email that failed, bounced or was held due again
// now, as who asked: a held one is let past the daily cap (a person
// decided it should go), a bounced one should go only once its address is
// right. A sent email is never sent again.
func (cw *Casework) RetryEmail(ctx context.Context, who string, id int64, reason string) error {
	if err := checkWho(who); err != nil {
		return err
	}
	return cw.update(ctx, who, func(w *work) error {
		row, err := w.tx.OutboxByID(id)
		if intake.ErrorCode(err) == intake.ENOTFOUND {
			return intake.Errorf(intake.ENOTFOUND, "There is no email %d in the outbox (`intake outbox` lists them).", id)
		}
		if err != nil {
			return err
		}
		if !slices.Contains(intake.OutboxNotSent, row.State) {
			return intake.Errorf(intake.ECONFLICT, "Email %d is %s, not failed, bounced or held: there is nothing to retry.", id, row.State)
		}
		if err := w.tx.RetryOutbox(id); err != nil {
			return err
		}
		w.queued++
		detail := "email " + strconv.FormatInt(id, 10) + " (" + string(row.Kind) + ", was " + row.State + ") made due again"
		if r := strings.TrimSpace(reason); r != "" {
			detail += ": " + r
		}
		return w.audit("outbox.retry", row.CaseRef, 0, "%s", detail)
	})
}
