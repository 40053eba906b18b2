package mail

import (
	"bytes"
	"html/template"
	"strings"
	"time"

	"spacerr/shared/useragent"
)

var linkHTML = template.Must(template.New("link").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
<p>{{.Intro}}</p>
<p><a href="{{.Link}}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:6px">{{.Action}}</a></p>
<p style="color:#555">{{.Outro}}</p>
<p style="color:#555">— {{.Site}}</p>
</body></html>`))

var noticeHTML = template.Must(template.New("notice").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
<p>{{.What}}</p>
<ul><li>When: {{.When}}</li><li>Browser: {{.Browser}}</li><li>IP address: {{.IP}}</li></ul>
<p style="color:#555">If this was not you, reset your password now and review your sessions and security settings.</p>
<p style="color:#555">— {{.Site}}</p>
</body></html>`))

// Link is a mail whose point is one link: a reset, a sign-in, an email verification.
func Link(site, to, subject, intro, action, link, outro string) Message {
	var h bytes.Buffer
	_ = linkHTML.Execute(&h, map[string]string{"Intro": intro, "Action": action, "Link": link, "Outro": outro, "Site": site})
	text := intro + "\n\n" + action + ":\n" + link + "\n\n" + outro + "\n\n— " + site + "\n"
	return Message{To: to, Subject: subject, Text: text, HTML: h.String()}
}

// Notice tells the user that something happened to the security of their account.
func Notice(site, to, what string, when time.Time, userAgent, ip string) Message {
	browser := ShortUserAgent(userAgent)
	w := when.UTC().Format("2006-01-02 15:04 UTC")
	if ip == "" {
		ip = "unknown"
	}
	var h bytes.Buffer
	_ = noticeHTML.Execute(&h, map[string]string{"What": what, "When": w, "Browser": browser, "IP": ip, "Site": site})
	text := what + "\n\nWhen: " + w + "\nBrowser: " + browser + "\nIP address: " + ip +
		"\n\nIf this was not you, reset your password now and review your sessions and security settings.\n\n— " + site + "\n"
	return Message{To: to, Subject: site + ": " + what, Text: text, HTML: h.String()}
}

// ShortUserAgent names the browser and system of a User-Agent header ("Firefox 128 on Linux") with
// the same parser the sessions list uses, or "unknown".
func ShortUserAgent(ua string) string {
	if strings.TrimSpace(ua) == "" {
		return "unknown"
	}
	return useragent.Parse(ua).String()
}
