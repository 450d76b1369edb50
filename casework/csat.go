package casework

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
)

// The satisfaction survey: when a case closes, its customer is asked how
// satisfied they were (1–5 and a comment), through a link in the closing
// e-mail that needs no sign-in, or from the case page in the portal.

const (
	// SurveyAnswerDays is how long after closing the survey takes a first answer.
	SurveyAnswerDays = 30
	// SurveyChangeDays is how long after the first answer it may be changed.
	SurveyChangeDays = 7
)

// pepperIn returns the instance's secret key inside a transaction (the
// notifier's), creating it there if the instance has none yet.
func (s *Service) pepperIn(ctx context.Context, tx claimdesk.Stores) ([]byte, error) {
	s.secrets.mu.Lock()
	p := s.secrets.pepper
	s.secrets.mu.Unlock()
	if p != nil {
		return p, nil
	}
	v, err := tx.Meta.Setting(ctx, pepperSetting)
	if err == nil {
		return []byte(v), nil
	}
	if !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, err
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v = hex.EncodeToString(b)
	return []byte(v), tx.Meta.SetSetting(ctx, pepperSetting, v)
}

// surveyToken is the survey link's token of a closed case: a keyed hash of
// its number and the instant it closed, so a reopened and closed again
// case gets a new link and the old one stops working.
func surveyToken(pepper []byte, c *claimdesk.Case) string {
	if c.ClosedAt == nil {
		return ""
	}
	m := hmac.New(sha256.New, pepper)
	m.Write([]byte("csat\x00" + c.Number + "\x00" + strconv.FormatInt(c.ClosedAt.UnixMicro(), 10)))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// surveyable reports whether the case asks for a survey answer: closed,
// and not merged into another case.
func surveyable(c *claimdesk.Case) bool {
	return c.Status == claimdesk.StatusClosed && c.ClosedAt != nil && c.MergedInto == 0
}

// SurveyToken returns the token of the survey link for a closed case, for
// the closing e-mail (run inside the change's transaction); "" for a case
// that asks for no survey.
func (s *Service) SurveyToken(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Case) (string, error) {
	if !surveyable(c) {
		return "", nil
	}
	p, err := s.pepperIn(ctx, tx)
	if err != nil {
		return "", err
	}
	return surveyToken(p, c), nil
}

// Survey is a case's survey as the customer sees it.
type Survey struct {
	Case   *claimdesk.Case
	Shop   *claimdesk.Shop
	Answer *claimdesk.CSATAnswer // nil before the first answer
	Open   bool                  // an answer may still be given or changed
	Until  time.Time             // until when
}

// surveyCase loads a case's survey for whoever holds its link's token, or
// for the case's customer signed in; anyone else gets not_found.
func (s *Service) surveyCase(ctx context.Context, shopID, number, token string) (*Survey, error) {
	n, err := claimdesk.ParseCaseNumber(number)
	if err != nil {
		return nil, hidden("case", number)
	}
	st := s.stores()
	c, err := st.Cases.FindCaseByNumber(ctx, n)
	if err != nil {
		return nil, err
	}
	a := claimdesk.ActorFrom(ctx)
	ok := c.ShopID == shopID && surveyable(c)
	if ok && !(a.Kind == claimdesk.ActorCustomer && sees(a, c.ShopID, c.CustomerID, c.OrderID)) {
		p, err := s.pepper(ctx)
		if err != nil {
			return nil, err
		}
		ok = token != "" && hmac.Equal([]byte(token), []byte(surveyToken(p, c)))
	}
	if !ok {
		return nil, hidden("survey", number)
	}
	shop, err := st.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	sv := &Survey{Case: c, Shop: shop, Until: c.ClosedAt.AddDate(0, 0, SurveyAnswerDays)}
	if sv.Answer, err = st.CSAT.FindCSATAnswer(ctx, c.ID); err == nil {
		sv.Until = sv.Answer.CreatedAt.AddDate(0, 0, SurveyChangeDays)
	} else if !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, err
	}
	sv.Open = s.now().Before(sv.Until)
	return sv, nil
}

// GetSurvey returns the survey of a closed case of the shop to the holder
// of its link's token, or to the case's customer.
func (s *Service) GetSurvey(ctx context.Context, shopID, number, token string) (*Survey, error) {
	return s.surveyCase(ctx, shopID, number, token)
}

// SurveyInput is the customer's answer.
type SurveyInput struct {
	Rating  int
	Comment string
}

// AnswerSurvey stores the customer's answer: a rating from 1 to 5 and a
// comment. The first answer is taken for SurveyAnswerDays after closing and
// may be changed for SurveyChangeDays after it; later it is a conflict.
func (s *Service) AnswerSurvey(ctx context.Context, shopID, number, token string, in SurveyInput) (*claimdesk.CSATAnswer, error) {
	in.Comment = strings.TrimSpace(in.Comment)
	var v claimdesk.Validation
	v.Check(in.Rating >= 1 && in.Rating <= 5, "rating", "required", "choose a rating from 1 to 5")
	v.Check(utf8.RuneCountInString(in.Comment) <= 2000, "comment", "too_long", "a comment has at most 2 000 characters")
	if err := v.Err(); err != nil {
		return nil, err
	}
	sv, err := s.surveyCase(ctx, shopID, number, token)
	if err != nil {
		return nil, err
	}
	if !sv.Open {
		return nil, claimdesk.Errorf(claimdesk.CodeConflict, "the survey of case %s is closed", number)
	}
	now := s.now()
	a := &claimdesk.CSATAnswer{CaseID: sv.Case.ID, ShopID: sv.Case.ShopID, Rating: in.Rating, Comment: in.Comment, CreatedAt: now, UpdatedAt: now}
	if err := s.stores().CSAT.SaveCSATAnswer(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// CaseCSAT returns a case's survey answer to the staff of its shop.
// Returns not_found when the customer has not answered.
func (s *Service) CaseCSAT(ctx context.Context, number string) (*claimdesk.CSATAnswer, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	if err := requireStaff(ctx, c.ShopID); err != nil {
		return nil, err
	}
	return s.stores().CSAT.FindCSATAnswer(ctx, c.ID)
}

// CSATSummary sums up a shop's survey answers first given in [from, to):
// how many, the average rating and how many gave each rating. For the
// shop's staff (the dashboard).
func (s *Service) CSATSummary(ctx context.Context, shopID string, from, to time.Time) (claimdesk.CSATSummary, error) {
	if err := requireStaff(ctx, shopID); err != nil {
		return claimdesk.CSATSummary{}, err
	}
	if !from.Before(to) {
		return claimdesk.CSATSummary{}, fieldErr("to", "invalid", "the period must end after it starts")
	}
	return s.stores().CSAT.SummarizeCSAT(ctx, shopID, from, to)
}
