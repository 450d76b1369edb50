package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// The satisfaction survey of a closed case, in the portal: reached from
// the closing mail's link (its token in ?t=, no sign-in) or from the case
// page of the signed-in customer. One answer per case, changeable for a
// week.

type surveyData struct {
	Survey  *casework.Survey
	Token   string
	Form    *form
	Ratings []int
	Until   string
	Saved   bool
}

func (h *Handler) survey(w http.ResponseWriter, r *http.Request) {
	h.renderSurvey(w, r, nil, http.StatusOK)
}

// renderSurvey shows the survey; f is the form as sent (nil: the stored
// answer, if any).
func (h *Handler) renderSurvey(w http.ResponseWriter, r *http.Request, f *form, status int) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return
	}
	p := h.newPage(r, shop, "deskwork.survey_title")
	p.Nav = "cases"
	token := r.URL.Query().Get("t")
	if r.Method == http.MethodPost {
		token = r.PostFormValue("t")
	}
	sv, err := h.svc.GetSurvey(r.Context(), shop.ID, r.PathValue("number"), token)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f == nil {
		f = newForm(nil)
		if a := sv.Answer; a != nil {
			f.Values.Set("rating", strconv.Itoa(a.Rating))
			f.Values.Set("comment", a.Comment)
		}
	}
	p.Title = p.L.T("deskwork.survey_heading", "number", sv.Case.Number)
	p.Data = surveyData{Survey: sv, Token: token, Form: f, Ratings: []int{1, 2, 3, 4, 5}, Until: p.L.DateTime(sv.Until, shop.Location()), Saved: r.URL.Query().Get("saved") == "1"}
	h.render(w, r, status, "survey", p)
}

func (h *Handler) surveyPost(w http.ResponseWriter, r *http.Request) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	number := r.PathValue("number")
	rating, _ := strconv.Atoi(f.Val("rating"))
	_, err := h.svc.AnswerSurvey(r.Context(), shop.ID, number, f.Val("t"), casework.SurveyInput{Rating: rating, Comment: f.Raw("comment")})
	switch {
	case err == nil:
		u := "/s/" + url.PathEscape(shop.ID) + "/cases/" + url.PathEscape(number) + "/survey?saved=1"
		if t := f.Val("t"); t != "" {
			u += "&t=" + url.QueryEscape(t)
		}
		http.Redirect(w, r, u, http.StatusSeeOther)
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		addFieldErrors(h.langFor(r, shop), f, err, func(s string) string { return s })
		h.renderSurvey(w, r, f, http.StatusUnprocessableEntity)
	default:
		h.fail(w, r, err)
	}
}
