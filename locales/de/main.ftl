## Site
site-tagline = Crowdfunding
nav-designers = Die Modeschaffenden
nav-campaign = Die Kampagne
skip-to-content = Zum Inhalt springen
nav-site = Website-Navigation
nav-team = Team-Navigation
designers-filter = Nach Arbeitsweise filtern
footer-text = Betrieben mit bobine, einer selbst gehosteten Crowdfunding-Plattform.

## Legal notice and privacy
nav-footer = Fusszeile
footer-contact = Kontakt
legal-title = Impressum
legal-run-by = Diese Kampagne wird geführt von:
legal-no-organiser = Das Kampagnenteam hat seinen Namen und seine Adresse noch nicht angegeben.
legal-software = Die Website läuft mit bobine, einer freien Crowdfunding-Software, die auf dem eigenen Server des Teams installiert ist: Keine Drittplattform erhält Ihre Daten oder eine Provision.
privacy-title = Datenschutz
privacy-description = Was diese Website speichert, warum und wie lange.
privacy-contact = Um Ihre Daten einzusehen, zu berichtigen oder zu löschen, schreiben Sie an:
privacy-intro = Diese Website wird vom Kampagnenteam selbst betrieben. Sie speichert nur, was nötig ist, um Ihre Zusagen zu verwalten und Ihnen Ihre Dankeschöns zu liefern, und nichts verlässt ihren Server, ausser wie unten beschrieben.
privacy-stored = Wenn Sie eine Zusage abgeben: Ihr Name, Ihre E-Mail-Adresse, der Betrag, das gewählte Dankeschön, der angezeigte Name (oder die Anonymität) und woher Sie kommen (die Kennung eines geteilten Links und die Website, die dorthin führte, nie Ihr Surfverlauf). Wenn Sie bezahlen: die Referenz der QR-Rechnung und die eingegangenen Zahlungen; bei Karte oder TWINT die IDs, die Stripe vergibt, nie die Kartennummer. Designerinnen und Designer, die sich anmelden: ihr Profil und ihr Foto, dessen Metadaten (Ort, Kamera) entfernt werden. Hilfsangebote: was Sie schreiben, und Ihre Kontaktangaben, die nur das Team liest.
privacy-cookies = Keine Cookies für Reichweitenmessung oder Werbung. Die Website speichert nur die gewählte Sprache, ein Token gegen gefälschte Formulare und für das Team dessen Anmeldesitzung.
privacy-others = Es werden keine Skripte oder Schriften von anderen Websites geladen. E-Mails werden über den Mailserver des Teams verschickt. Eine Zahlung mit Karte oder TWINT läuft über Stripe, das erhält, was für die Belastung nötig ist. Ein anderswo gehostetes Video wird erst geladen, wenn Sie darauf klicken.
privacy-kept = Eine nie bestätigte Zusage wird nach 7 Tagen gelöscht. Die übrigen Daten werden für die Dauer der Kampagne und der Lieferung der Dankeschöns aufbewahrt, danach so lange, wie es das Gesetz für die Buchhaltung verlangt.
privacy-rights = Über den privaten Link Ihrer Zusage laden Sie alles herunter, was die Website über Sie speichert, und können es löschen; Sie können dies auch jederzeit schriftlich verlangen. Ihre Zusagen und Zahlungen bleiben dann anonym so lange erhalten, wie es das Gesetz für die Buchhaltung verlangt. Die Neuigkeiten per E-Mail bestellen Sie mit einem Klick ab, aus jeder von ihnen.

## Supporters' wall
supporters-title = Die Wand der Unterstützenden
supporters-intro = Die Menschen, die die Kampagne unterstützen und ihren Namen zeigen möchten, die neuesten zuerst.
supporters-none = Noch keine Namen: Seien Sie die Erste oder der Erste!
supporters-all = Alle Unterstützenden ansehen
supporters-pages = Seiten der Wand der Unterstützenden
supporters-newer = Neuere
supporters-older = Ältere

## Link previews
preview-progress = { $currency } { $raised } von { $goal } · { $percent } % · { $when }
preview-succeeded = Ziel erreicht
preview-failed = Kampagne beendet

## Campaign page
raised-of-goal = gesammelt von
backers = { $count ->
    [one] Unterstützerin oder Unterstützer
   *[other] Unterstützerinnen und Unterstützer
}
funded = finanziert
time-left-days = noch { $count } Tage
time-left-hours = { $count ->
    [one] noch { $count } Stunde
   *[other] noch { $count } Stunden
}
time-left-minutes = { $count ->
    [one] noch { $count } Minute
   *[other] noch { $count } Minuten
}
deadline-on = Ende der Kampagne: { $date }
closed-succeeded = Die Kampagne ist beendet: Das Ziel wurde erreicht. Vielen Dank an alle!
closed-failed = Die Kampagne ist beendet, ohne ihr Ziel zu erreichen.
closed-failed-all-or-nothing = Die Kampagne ist beendet, ohne ihr Ziel zu erreichen: Es wird keine Zusage eingezogen.
funding-all-or-nothing = Alles oder nichts: Die Zusagen werden nur eingezogen, wenn das Ziel erreicht wird.
funding-keep-it-all = Die Zusagen werden auch eingezogen, wenn das Ziel nicht erreicht wird.
story-title = Unsere Geschichte
rewards-title = Die Dankeschöns
pledge-without-reward = Ohne Dankeschön unterstützen
pledge-without-reward-text = Geben Sie einen Betrag Ihrer Wahl, ab { $currency } { $amount }.
pledge-button = Jetzt unterstützen
choose-reward = Auswählen
from-amount = ab
sold-out = Ausverkauft
remaining = { $count ->
    [one] nur noch eines verfügbar
   *[other] { $count } von { $limit } verfügbar
}
unlimited = Unbegrenzte Anzahl
early-bird-label = Frühbucherpreis:
early-bird-left = { $count ->
    [one] noch eines zum Frühbucherpreis
   *[other] noch { $count } zum Frühbucherpreis
}
early-bird-until = bis zum { $date }
instead-of = statt
delivery = Voraussichtliche Lieferung: { $date }
more-details = Details
back-to-campaign = Zurück zur Kampagne

## Reward kinds and fulfilment
kind-object = Objekt
kind-workshop = Workshop
kind-guided-tour = Rundgang
kind-coaching = Online-Coaching
kind-meeting = Treffen
fulfilment-shipped = Versand per Post
fulfilment-pickup = In Genf
fulfilment-online = Online

## Pledge form
pledge-title = Ihre Unterstützung
field-reward = Dankeschön
field-session = Termin ({ $reward })
field-choice-none = Bitte wählen…
session-online = Online
session-full = ausgebucht
session-seats-left = { $count ->
    [one] { $count } Platz frei
   *[other] { $count } Plätze frei
}
fulfilment-state-to_prepare = Vorzubereiten
fulfilment-state-ready = Abholbereit
fulfilment-state-shipped = Versandt
fulfilment-state-delivered = Übergeben
fulfilment-state-attended = Teilgenommen
fulfilment-state-problem = Problem
pledge-fulfilment = Lieferung
pledge-tracking = Sendung verfolgen
error-fulfilment-state = Wählen Sie einen Schritt aus der Liste.
error-fulfilment-note-required = Sagen Sie in wenigen Worten, was das Problem ist: Die Person liest es in der E-Mail.
error-import-empty = Die Datei enthält keine Versandzeile.
error-import-unknown = Zeile { $line }: Keine zu versendende Zusage hat die Referenz «{ $reference }». Nichts wurde geändert.
error-import-tracking = Zeile { $line }: Es braucht die Referenz und dann die Sendungsnummer ({ $reference }). Nichts wurde geändert.
error-import-twice = Zeile { $line }: Die Referenz «{ $reference }» steht schon weiter oben. Nichts wurde geändert.
pledge-confirmed-choose-date = Ihre Zusage ist bestätigt. Der gewählte Termin hat sich gefüllt, während sie wartete: Wählen Sie unten einen anderen.
session-calendar = In meinen Kalender eintragen (.ics)
session-cancelled = Das Team hat diesen Termin abgesagt.
session-choose-title = Ihren Termin wählen
session-move-title = Termin ändern
session-move-hint = Ihr Platz bleibt reserviert, bis Sie einen anderen nehmen; der alte wird dann für jemand anderen frei.
session-submit = Diesen Termin buchen
session-to-choose = Unten zu wählen
session-chosen = Ihr Termin ist gebucht. Eine E-Mail bestätigt ihn.
pledge-session = Termin
pledge-place = Ort
no-reward = Ohne Dankeschön
field-amount = Betrag
field-amount-hint = Mindestens der Mindestbetrag des gewählten Dankeschöns.
field-name = Vor- und Nachname
field-email = E-Mail-Adresse
field-email-hint = Für die Bestätigung und den Link zu Ihrer Zusage. Wird nie veröffentlicht.
field-email-hint-confirm = Wir senden Ihnen einen Link, um Ihre Zusage zu bestätigen: Die Zusage zählt, sobald Sie ihn öffnen. Wird nie veröffentlicht.
field-display-name = Öffentlich angezeigter Name (optional)
field-anonymous = Anonym bleiben
field-news = Die Neuigkeiten der Kampagne per E-Mail erhalten (abbestellen mit einem Klick)
pledge-submit = Meine Zusage bestätigen
pledge-closed = Die Kampagne ist beendet: Sie nimmt keine Zusagen mehr an.
form-error-title = Ihre Zusage wurde nicht erfasst
pledge-change-error-title = Ihre Zusage wurde nicht geändert

## Private pledge page
pledge-page-title = Ihre Zusage
pledge-thanks = Vielen Dank! Ihre Zusage ist erfasst. Bewahren Sie den Link zu dieser Seite auf: Damit können Sie Ihre Zusage bis zum Ende der Kampagne ändern oder stornieren.
pledge-changed = Ihre Zusage wurde geändert.
pledge-cancelled = Ihre Zusage wurde storniert.
pledge-reference = Referenz
pledge-amount = Betrag
pledge-reward = Dankeschön
pledge-date = Datum
pledge-shown-as = Angezeigt als
pledge-anonymous = Anonym
pledge-state-cancelled = Diese Zusage wurde storniert.
pledge-private-link = Diese Seite ist privat: Bitte teilen Sie ihre Adresse nicht.
pledge-change-title = Meine Zusage ändern
pledge-change-submit = Änderungen speichern
pledge-cancel-title = Meine Zusage stornieren
pledge-cancel-text = Ihr Dankeschön wird für jemand anderen freigegeben.
pledge-cancel-submit = Ja, meine Zusage stornieren
pledge-locked = Die Kampagne ist beendet: Die Zusage kann nicht mehr geändert werden.
early-bird-applied = zum Frühbucherpreis

## Months
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## Errors
error-title = Etwas ist schiefgelaufen
error-malformed = Die Anfrage ist fehlerhaft: { $detail }
error-json-content-type = senden Sie JSON mit dem Header Content-Type: application/json
error-too-large = Die Anfrage ist zu gross.
error-amount-empty = Geben Sie einen Betrag an.
error-amount-not-a-number = Geben Sie den Betrag in Ziffern an, zum Beispiel 50 oder 50.00.
error-amount-not-positive = Der Betrag muss grösser als null sein.
error-amount-too-precise = Der Betrag darf höchstens zwei Nachkommastellen haben.
error-amount-too-large = Der Betrag darf höchstens { $currency } { $amount } sein.
error-amount-below-minimum = Der Mindestbetrag ist { $currency } { $amount }.
error-email = Diese E-Mail-Adresse ist ungültig. Bitte prüfen Sie sie.
error-name-empty = Geben Sie Ihren Namen an.
error-name-too-long = Der Name darf höchstens 100 Zeichen lang sein.
error-name-control = Der Name enthält ungültige Zeichen. Bitte entfernen Sie sie.
error-unknown-reward = Dieses Dankeschön gibt es nicht.
error-idempotency-reused = Dieser Idempotenzschlüssel wurde bereits für eine andere Zusage verwendet.
error-sold-out = Dieses Dankeschön ist ausverkauft. Wählen Sie ein anderes oder unterstützen Sie ohne Dankeschön.
error-session-full = Dieser Termin ist ausgebucht. Wählen Sie einen anderen.
error-choice-sold-out = Diese Auswahl ({ $choice }) ist ausverkauft. Wählen Sie eine andere.
error-session-required = Wählen Sie einen Termin für dieses Dankeschön.
error-unknown-session = Diesen Termin gibt es für dieses Dankeschön nicht.
pledge-address = Lieferadresse
address-give-title = Lieferadresse angeben
address-change-title = Lieferadresse ändern
address-hint = Ihr Dankeschön kommt per Post: an diese Adresse, die Sie hier bis zum Versand ändern können.
address-submit = Adresse speichern
address-saved = Adresse gespeichert. Ihr Dankeschön geht dorthin.
error-address-not-asked = Diese Zusage wartet auf kein Paket.
error-address-shipped = Ihr Dankeschön ist schon unterwegs: Die Adresse kann nicht mehr geändert werden. Antworten Sie auf die Versand-E-Mail, wenn sie falsch ist.
field-address-name = Vor- und Nachname (auf der Etikette)
field-address-street = Strasse und Nummer
field-address-building = Zusatz (freiwillig)
field-address-postcode = PLZ
field-address-town = Ort
field-address-country = Land
error-address-missing = Adresse: { $field } fehlt.
error-address-too-long = Adresse: { $field } ist länger als { $max } Zeichen.
error-address-unprintable = Adresse: { $field } muss auf eine Zeile passen, ohne unsichtbare Zeichen.
error-address-country = Adresse: Wählen Sie ein Land aus der Liste der Länder, in die wir versenden.
error-address-postcode = Adresse: Das ist keine Postleitzahl von { $country } (zum Beispiel { $example }).
survey-title = Ein paar Fragen zu Ihrer Belohnung
survey-hint = Um Ihre Belohnung vorzubereiten, braucht das Team diese Antworten. Sie können sie hier ändern, bis sie verschickt wird.
survey-answered = Danke, Ihre Antworten sind gespeichert. Sie können sie hier ändern, bis Ihre Belohnung verschickt wird.
survey-optional = (freiwillig)
survey-submit = Antworten speichern
survey-saved = Antworten gespeichert. Danke!
error-survey-missing = Beantworten Sie die Frage „{ $question }“.
error-survey-choice = Wählen Sie eine Antwort aus der Liste für „{ $question }“.
error-survey-too-long = Die Antwort auf „{ $question }“ ist zu lang: höchstens 1000 Zeichen.
error-survey-unprintable = Die Antwort auf „{ $question }“ enthält unsichtbare Zeichen: Bitte neu eingeben.
error-survey-closed = Diese Fragen sind für diese Zusage nicht oder nicht mehr offen.
zone-switzerland = Schweiz und Liechtenstein
zone-europe = Europa
zone-world = Übrige Welt
postage-free = gratis
field-zone = Versand per Post: { $reward }
field-zone-hint = Das Porto kommt zu Ihrer Zahlung hinzu. Es gehört nicht zu Ihrer Zusage und zählt nicht zum Ziel.
pledge-total-live = Mit Porto ({ $postage }): { $total } zu zahlen
error-zone-unknown = Wählen Sie, wohin Ihre Belohnung geschickt wird.
error-zone-not-address = Die angegebene Adresse liegt in einer anderen Zone als der gewählte Versand: Wählen Sie den Versand ihres Landes.
error-zone-not-served = Diese Belohnung wird nicht in dieses Land geschickt. Geben Sie eine Adresse in der Schweiz oder in einem Land der Liste an.
address-pledge-title = Lieferadresse (freiwillig)
address-pledge-hint = Für eine Belohnung, die per Post kommt. Sie können sie auch später auf Ihrer Seite angeben; das Porto richtet sich nach dem Land der Adresse.
pledge-postage = Porto
pledge-postage-value = { $cost } ({ $zone })
pledge-total = Total zu zahlen
mail-postage = Porto ({ $zone }): { $cost }, zusätzlich zu Ihrer Zusage
mail-postage-included = Davon Porto ({ $zone }): { $cost }
error-session-locked = Dieser Termin kann nicht mehr gewählt oder geändert werden.
error-session-begun = Dieser Termin hat bereits begonnen. Wählen Sie einen anderen.
error-invalid-choice = Wählen Sie einen der angebotenen Werte ({ $choice }).
error-campaign-closed = Die Kampagne ist beendet: Sie nimmt keine Zusagen und keine Änderungen mehr an.
error-not-found = Diese Seite gibt es nicht.
error-forbidden = Das Formular ist abgelaufen. Prüfen Sie Ihre Angaben und senden Sie es erneut.
error-internal = Ein interner Fehler ist aufgetreten. Es wurde nichts gespeichert; versuchen Sie es in einem Moment erneut.

## Team
team-login-title = Team-Anmeldung
team-password = Passwort
team-login-submit = Anmelden
team-login-failed = E-Mail-Adresse oder Passwort falsch.
team-login-throttled = Zu viele Versuche. Versuchen Sie es in { $minutes } Minuten erneut.
team-logout = Abmelden
team-setup-title = Erstes Team-Konto
team-setup-text = Wählen Sie die E-Mail-Adresse und das Passwort für das erste Konto. Dieser Link funktioniert nur einmal.
team-setup-submit = Konto erstellen
team-password-hint = Mindestens 12 Zeichen.
team-password-confirm = Passwort wiederholen
team-password-too-short = Das Passwort muss mindestens 12 Zeichen lang sein.
team-password-mismatch = Die beiden Passwörter stimmen nicht überein.
team-dashboard-title = Übersicht
team-pledges = Zusagen
team-average = durchschnittliche Zusage
team-claimed = Vergeben
team-remaining = Verbleibend
team-revenue = Betrag
team-early-bird-uses = Frühbucher
team-recent = Neueste Zusagen
team-cancelled = storniert
team-no-pledges = Noch keine Zusage.
error-unauthorized = Melden Sie sich an, um diese Seite zu sehen.
error-busy = Der Server ist gerade sehr ausgelastet. Versuchen Sie es in { $seconds } Sekunden erneut.
error-rate-limited-seconds = Zu viele Anfragen in kurzer Zeit von Ihrer Verbindung aus oder für diese E-Mail-Adresse. Versuchen Sie es in { $seconds ->
    [one] einer Sekunde
   *[other] { $seconds } Sekunden
} erneut.
error-rate-limited-minutes = Zu viele Anfragen in kurzer Zeit von Ihrer Verbindung aus oder für diese E-Mail-Adresse. Versuchen Sie es in { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} erneut.
error-too-many-streams = Für dieses Konto sind bereits { $limit } Live-Übersichten geöffnet. Schliessen Sie eine davon und laden Sie dann die Seite neu.
team-pledges-title = Zusagen
team-all = Alle
team-state = Status
team-active = aktiv
team-unconfirmed = unbestätigt
team-search = Suche
team-search-hint = Name, E-Mail oder Referenz
team-filter = Filtern
team-export = Als CSV exportieren
team-export-semicolon = CSV mit Semikolons (Schweizer und deutsche Tabellenprogramme)
team-pledges-found = { $count ->
    [one] { $count } Zusage
   *[other] { $count } Zusagen
}
team-previous = Vorherige
team-next = Nächste
team-page = Seite { $page } von { $pages }
team-check-warning = Die letzte Prüfung ({ $date }) hat { $count } Zähler gefunden, die von den Zusagen abweichen. Führen Sie „bobine check“ aus, um die Details zu sehen.
team-chart-title = Gesammelter Betrag im Zeitverlauf
team-goal = Ziel
team-projection = Hochrechnung im aktuellen Tempo
team-chart-alt = Gesammelter Betrag im Zeitverlauf: { $raised } bei einem Ziel von { $goal }.
team-chart-alt-projection = Im aktuellen Tempo { $projected } bis zum Ende der Kampagne.
team-sources-title = Woher die Unterstützenden kommen
team-sources-text = Gezählt ohne Cookies oder Tracker: der Parameter ?ref= des geteilten Links und die Website, die dorthin führte.
team-sources-tags = Nach Link (?ref=)
team-sources-sites = Nach Herkunftswebsite
team-sources-share = Anteil
team-source-no-tag = ohne ?ref=
team-source-direct = direkt oder unbekannt
team-source-others = andere
mail-pledge-placed-subject = Ihre Zusage von { $amount } für „{ $campaign }“
mail-session-moved-subject = Neuer Termin: { $reward }
mail-session-moved-body =
    Guten Tag { $name }

    Das Team hat den Termin verschoben, den Sie gebucht haben ({ $reward }, Zusage { $reference }). Er findet neu statt:

    Termin: { $when }
    Ort: { $place }

    Um Ihren Kalender zu aktualisieren: { $calendar }

    Passt Ihnen dieser Termin nicht, wählen Sie auf Ihrer Seite einen anderen:
    { $link }

    { $campaign }
mail-session-cancelled-subject = Termin abgesagt: { $reward }
mail-session-cancelled-body =
    Guten Tag { $name }

    Das Team musste den Termin absagen, den Sie gebucht hatten ({ $reward }, Zusage { $reference }):

    Termin: { $when }
    Ort: { $place }

    Ihre Zusage bleibt gültig: Wählen Sie auf Ihrer Seite einen anderen Termin:
    { $link }

    { $campaign }
mail-session-reminder-subject = Erinnerung: { $reward }
mail-session-reminder-body =
    Guten Tag { $name }

    Wir freuen uns, Sie bald bei { $reward } zu sehen (Zusage { $reference }):

    Termin: { $when }
    Ort: { $place }

    Um ihn in Ihren Kalender einzutragen: { $calendar }
    Ihre Seite: { $link }

    Bis bald!
    { $campaign }
mail-fulfilment-tracking =
    Sendungsnummer: { $tracking }
    Um das Paket zu verfolgen: { $url }
mail-details-request-subject = Was wir für Ihre Belohnung brauchen: { $reward }
mail-details-request-body =
    Guten Tag { $name }

    „{ $campaign }“ hat sein Ziel erreicht: Danke! Um Ihre Belohnung vorzubereiten ({ $reward }, Zusage { $reference }), fehlt uns noch:

    { $needed }

    Geben Sie es auf Ihrer Seite an, in einer Minute:
    { $link }

    { $campaign }
mail-details-reminder-subject = Erinnerung: was wir für { $reward } brauchen
mail-details-reminder-body =
    Guten Tag { $name }

    Um Ihre Belohnung vorzubereiten ({ $reward }, Zusage { $reference }), fehlt uns noch immer:

    { $needed }

    Ohne dies kann sie nicht verschickt werden. Geben Sie es auf Ihrer Seite an:
    { $link }

    { $campaign }
mail-details-address = Ihre Lieferadresse (das Porto richtet sich nach ihrem Land)
mail-details-answers = Ihre Antworten auf ein paar Fragen zu Ihrer Belohnung
mail-fulfilment-ready-subject = Ihr Dankeschön wartet auf Sie: { $reward }
mail-fulfilment-ready-body =
    Guten Tag { $name }

    Ihr Dankeschön ({ $reward }, Zusage { $reference }) ist bereit: Sie können es abholen.
    { $note }
    Ihre Seite: { $link }

    { $campaign }
mail-fulfilment-shipped-subject = Ihr Dankeschön ist unterwegs: { $reward }
mail-fulfilment-shipped-body =
    Guten Tag { $name }

    Ihr Dankeschön ({ $reward }, Zusage { $reference }) wurde verschickt.
    { $tracking }{ $note }
    Ihre Seite: { $link }

    { $campaign }
mail-fulfilment-delivered-subject = Ihr Dankeschön ist angekommen: { $reward }
mail-fulfilment-delivered-body =
    Guten Tag { $name }

    Ihr Dankeschön ({ $reward }, Zusage { $reference }) wurde Ihnen übergeben. Nochmals vielen Dank für Ihre Unterstützung!
    { $note }
    Ihre Seite: { $link }

    { $campaign }
mail-fulfilment-problem-subject = Ein Problem mit Ihrem Dankeschön: { $reward }
mail-fulfilment-problem-body =
    Guten Tag { $name }

    Es gibt ein Problem mit Ihrem Dankeschön ({ $reward }, Zusage { $reference }):
    { $note }
    Antworten Sie auf diese E-Mail, wenn Sie eine Frage haben. Ihre Seite: { $link }

    { $campaign }
mail-session =
    Termin: { $when }
    Ort: { $place }
    Um ihn in Ihren Kalender einzutragen: { $calendar }
invitation-description = { $campaign }, Zusage { $reference }. Ihre persönliche Seite finden Sie in der Bestätigungs-E-Mail.
mail-pledge-placed-body =
    Guten Tag { $name }

    Vielen Dank! Ihre Zusage ist erfasst.

    Referenz: { $reference }
    Dankeschön: { $reward }
    Betrag: { $amount }{ $postage }{ $session }

    Bis zum { $deadline } können Sie sie hier ansehen, ändern oder stornieren:
    { $link }

    Dieser Link ist persönlich: Bitte geben Sie ihn nicht weiter.

    { $campaign }
mail-pledge-changed-subject = Ihre Zusage für „{ $campaign }“ wurde geändert
mail-pledge-changed-body =
    Guten Tag { $name }

    Ihre Zusage { $reference } wurde geändert. So sieht sie jetzt aus:

    Dankeschön: { $reward }
    Betrag: { $amount }{ $postage }{ $session }

    Bis zum { $deadline } können Sie sie hier weiterhin ändern oder stornieren:
    { $link }

    { $campaign }
mail-pledge-cancelled-subject = Ihre Zusage für „{ $campaign }“ wurde storniert
mail-pledge-cancelled-body =
    Guten Tag { $name }

    Ihre Zusage { $reference } ({ $reward }, { $amount }) wurde storniert: Dafür wird nichts von Ihnen verlangt.

    Falls das ein Versehen war, können Sie bis zum { $deadline } auf der Website erneut eine Zusage abgeben.

    { $campaign }
team-outbox-title = E-Mails
team-outbox-no-smtp = Es ist kein SMTP-Server eingerichtet: Die E-Mails warten hier. Leiten Sie sie von Hand weiter und markieren Sie sie als weitergeleitet, oder setzen Sie BOBINE_SMTP_URL und BOBINE_MAIL_FROM, damit sie automatisch verschickt werden.
team-outbox-waiting = wartend
team-outbox-sent = gesendet
team-outbox-failed = fehlgeschlagen
team-outbox-handled = von Hand weitergeleitet
team-outbox-to = An
team-outbox-attempts = Versuche
team-outbox-sent-at = gesendet am { $date }
team-outbox-handled-at = von Hand weitergeleitet am { $date }
team-outbox-error = Letzter Fehler
team-outbox-send-again = Erneut senden
team-outbox-mark-handled = Als von Hand weitergeleitet markieren
team-outbox-empty = Keine E-Mails.
team-outbox-found = { $count ->
    [0] Keine E-Mails
    [one] { $count } E-Mail
   *[other] { $count } E-Mails
}
help-title = Ohne Geld helfen
help-intro = Zeit, Know-how, eine Maschine, ein Raum, ein Kontakt: Die nachhaltige Mode in Genf kommt auch mit dem voran, was sich nicht in Franken zählen lässt. Sagen Sie uns, was Sie anbieten – das Team meldet sich bei Ihnen.
help-kind = Was Sie anbieten
help-description = Beschreiben Sie Ihr Angebot
help-description-hint = Was, wo, wie viel, für wen: höchstens { $max } Zeichen.
help-availability = Wann Sie verfügbar sind (optional)
help-availability-hint = Zum Beispiel: samstagmorgens, abends, ab Januar.
help-phone = Telefon (optional)
help-contact-hint = Ihre E-Mail-Adresse und Telefonnummer dienen nur dem Team, um Sie zu kontaktieren; sie werden nie veröffentlicht.
help-submit = Mein Angebot senden
help-thanks-title = Vielen Dank für Ihr Angebot!
help-thanks-text = Das Team hat es erhalten und meldet sich bald bei Ihnen. Eine E-Mail bestätigt den Eingang.
help-count = { $count ->
    [one] { $count } Person hat Hilfe angeboten
   *[other] { $count } Personen haben Hilfe angeboten
}
help-cta = Hilfe anbieten
offer-kind-time = Zeit
offer-kind-time-hint = Bei einem Workshop, einem Rundgang oder einem Anlass mithelfen.
offer-kind-skills = Know-how
offer-kind-skills-hint = Nähen, Fotografie, Grafik, Übersetzung, Buchhaltung…
offer-kind-machines = Maschinen
offer-kind-machines-hint = Eine Nähmaschine, eine Overlock, eine Presse ausleihen…
offer-kind-space = Ein Raum
offer-kind-space-hint = Ein Atelier, ein Schaufenster, ein Saal für einen Anlass.
offer-kind-introduction = Ein Kontakt
offer-kind-introduction-hint = Eine Designerin oder einen Designer nachhaltiger Mode vorstellen.
offer-kind-partner-technology = Eine Technologiepartnerschaft
offer-kind-partner-technology-hint = Werkzeuge, Software, Hosting, technisches Know-how.
offer-kind-partner-media = Eine Medienpartnerschaft
offer-kind-partner-media-hint = Ein Artikel, eine Sendung, ein Newsletter, ein Netzwerk.
offer-kind-partner-finance = Eine Finanzpartnerschaft
offer-kind-partner-finance-hint = Eine Stiftung, ein Unternehmen, ein Sponsoring.
offer-kind-interview = Ein Erfahrungsbericht
offer-kind-interview-hint = Erzählen, wie Sie Ihre Art einzukaufen verändert haben.
error-offer-kind = Wählen Sie, was Sie anbieten.
error-phone = Diese Telefonnummer ist ungültig: Erlaubt sind nur Ziffern, Leerzeichen und + ( ) - . /
error-text-empty = Dieses Feld ist obligatorisch.
error-text-too-long = Dieser Text ist zu lang: höchstens { $max } Zeichen.
error-text-control = Dieser Text enthält unsichtbare Zeichen; bitte entfernen Sie sie.
mail-offer-received-subject = Vielen Dank für Ihre Hilfe bei „{ $campaign }“
mail-offer-received-body =
    Guten Tag { $name }

    Vielen Dank für Ihr Angebot ({ $kind }). Das Team hat es erhalten und meldet sich bald bei Ihnen.

    { $campaign }
team-offers-title = Hilfsangebote
team-offers-none = Noch kein Hilfsangebot.
team-offers-found = { $count ->
    [0] Keine Angebote
    [one] { $count } Angebot
   *[other] { $count } Angebote
}
team-note = Notiz des Teams
team-save = Speichern
offer-state-new = neu
offer-state-contacted = kontaktiert
offer-state-accepted = angenommen
offer-state-declined = abgelehnt
error-offer-state = Wählen Sie einen Status: neu, kontaktiert, angenommen oder abgelehnt.
help-error-title = Ihr Angebot wurde nicht gesendet
designers-title = Die Designerinnen und Designer
designers-intro = Die Genfer Designerinnen und Designer nachhaltiger Mode, die hinter dieser Kampagne stehen.
designers-none = Noch kein Profil veröffentlicht.
designers-all = Alle Arbeitsweisen
designers-register-cta = Sie gestalten in Genf? Stellen Sie sich vor
designers-rewards = Dankeschöns
designers-with = Mit
designers-website = Website
designers-links = Links
designer-register-title = Stellen Sie Ihr Atelier vor
designer-register-intro = Ihr Profil erscheint auf der Website, sobald das Team es geprüft hat. Sie erhalten per E-Mail einen persönlichen Link, mit dem Sie es jederzeit bearbeiten können.
designer-edit-title = Ihr Profil
designer-name = Ihr Name
designer-brand = Marke oder Atelier
designer-email-hint = Wird nie veröffentlicht: Wir senden Ihnen damit Ihren persönlichen Link und Neuigkeiten des Teams.
designer-bio = Vorstellung
designer-bio-hint = Was Sie gestalten, wie und womit: höchstens { $max } Zeichen.
designer-photo = Foto
designer-photo-hint = JPEG, PNG oder WebP, höchstens 10 MB. Wir verkleinern es und entfernen seine Metadaten (Aufnahmeort, Kamera, Datum).
designer-photo-keep = Leer lassen, um das aktuelle Foto zu behalten.
designer-photo-again = Bitte wählen Sie Ihr Foto erneut: Aus Sicherheitsgründen sendet der Browser es nicht noch einmal.
designer-website = Website (optional)
designer-links = Soziale Medien (optional)
designer-links-hint = Ein Link pro Zeile, höchstens 5, jeweils beginnend mit https://.
designer-practices = Materialien und Arbeitsweisen
designer-practices-other = Weitere Arbeitsweisen (optional)
designer-area = Quartier oder Gemeinde
designer-consent = Ich bin einverstanden, dass dieses Profil (ohne meine E-Mail-Adresse) nach der Freigabe auf dieser Website veröffentlicht wird.
designer-submit = Mein Profil senden
designer-save = Änderungen speichern
designer-registered-title = Vielen Dank, Ihr Profil wurde gesendet!
designer-registered-text = Das Team prüft es vor der Veröffentlichung. Sie haben per E-Mail einen persönlichen Link erhalten, um es zu bearbeiten.
designer-saved = Ihre Änderungen sind gespeichert.
designer-state-pending = Wartet auf die Prüfung durch das Team: noch nicht auf der Website sichtbar.
designer-state-approved = Auf der Website veröffentlicht.
designer-state-rejected = Nicht veröffentlicht. Begründung des Teams: { $reason }. Bearbeiten Sie Ihr Profil, um es erneut einzureichen.
designer-state-unpublished = Vom Team von der Website genommen.
designer-no-photo = Kein Foto
practice-upcycling = Upcycling
practice-organic-recycled-fibres = Bio- oder Recyclingfasern
practice-local-production = Lokale Produktion
practice-made-to-order = Massanfertigung, auf Bestellung
practice-repair = Reparatur
practice-rental = Vermietung
practice-second-hand = Secondhand
area-vieille-ville = Altstadt
area-eaux-vives = Eaux-Vives
area-champel = Champel
area-plainpalais = Plainpalais
area-jonction = Jonction
area-acacias = Acacias
area-paquis = Pâquis
area-servette = Servette
area-saint-jean = Saint-Jean
area-petit-saconnex = Petit-Saconnex
area-carouge = Carouge
area-lancy = Lancy
area-onex = Onex
area-meyrin = Meyrin
area-vernier = Vernier
area-chene-thonex = Chêne-Bourg, Chêne-Bougeries, Thônex
area-plan-les-ouates = Plan-les-Ouates
area-elsewhere = Anderswo im Kanton
error-link-scheme = „{ $link }“ ist kein Weblink: Nur http- und https-Links sind erlaubt.
error-link-invalid = „{ $link }“ ist keine gültige Webadresse. Bitte prüfen Sie sie.
error-links-too-many = Höchstens { $max } Links, einer pro Zeile.
error-practice = Diese Arbeitsweise steht nicht auf der Liste.
error-area = Wählen Sie Ihr Quartier oder Ihre Gemeinde.
error-consent = Kreuzen Sie das Kästchen an, um der Veröffentlichung Ihres Profils zuzustimmen.
error-photo-too-large = Dieses Foto ist zu gross: höchstens 10 MB.
error-photo-not-image = Diese Datei ist kein JPEG-, PNG- oder WebP-Bild.
error-photo-unreadable = Dieses Bild ist beschädigt oder nicht lesbar. Bitte wählen Sie ein anderes.
error-photo-pixels = Dieses Bild hat zu viele Pixel. Bitte verkleinern Sie es.
error-form-too-large = Der Upload ist zu gross: Das Foto darf höchstens 10 MB haben.
error-unpublish-unapproved = Nur ein veröffentlichtes Profil kann von der Website genommen werden.
mail-designer-registered-subject = Ihr Profil „{ $brand }“ ist eingegangen
mail-designer-registered-body =
    Guten Tag { $name }

    Vielen Dank, dass Sie { $brand } vorstellen! Das Team prüft Ihr Profil vor der Veröffentlichung; Sie erhalten eine E-Mail, sobald es online ist.

    Ihr persönlicher Link, um es jederzeit zu bearbeiten:
    { $edit_link }

    Dieser Link gehört nur Ihnen: Bitte geben Sie ihn nicht weiter.

    { $campaign }
mail-designer-approved-subject = Ihr Profil „{ $brand }“ ist online
mail-designer-approved-body =
    Guten Tag { $name }

    Ihr Profil ist veröffentlicht:
    { $public_link }

    Zum Bearbeiten:
    { $edit_link }

    { $campaign }
mail-designer-rejected-subject = Ihr Profil „{ $brand }“ wurde nicht veröffentlicht
mail-designer-rejected-body =
    Guten Tag { $name }

    Das Team hat Ihr Profil aus folgendem Grund nicht veröffentlicht:

    { $reason }

    Sie können es hier bearbeiten und erneut einreichen:
    { $edit_link }

    { $campaign }
mail-designer-unpublished-subject = Ihr Profil „{ $brand }“ wurde von der Website genommen
mail-designer-unpublished-body =
    Guten Tag { $name }

    Das Team hat Ihr Profil von der Website genommen. Wenn Sie mehr erfahren möchten, antworten Sie uns; Ihr persönlicher Link bleibt gültig:
    { $edit_link }

    { $campaign }
form-error-title-profile = Ihr Profil wurde nicht gespeichert
team-designers-title = Designerinnen und Designer
team-designers-none = Keine Profile.
team-designers-found = { $count ->
    [0] Keine Profile
    [one] { $count } Profil
   *[other] { $count } Profile
}
team-designer-pending = zu prüfen
team-designer-approved = veröffentlicht
team-designer-rejected = abgelehnt
team-designer-unpublished = entfernt
team-designer-approve = Veröffentlichen
team-designer-reject = Ablehnen
team-designer-unpublish = Von der Website nehmen
team-designer-reason = Begründung (geht an die Designerin oder den Designer):
error-designer-decision = Wählen Sie, ob Sie dieses Profil veröffentlichen, ablehnen oder von der Website nehmen möchten.
team-designer-slug = Adresse: /designers/
team-designer-rename = Adresse ändern
error-slug-invalid = Eine Adresse besteht aus Kleinbuchstaben ohne Akzente, Ziffern und einzelnen Bindestrichen dazwischen, zum Beispiel atelier-rose (aber nicht register, registered oder edit).
error-slug-taken = Die Adresse { $slug } gehört bereits einem anderen Profil: Geben Sie zuerst jenem Profil eine andere Adresse.
team-work-designers = Profil(e) zu prüfen
team-work-offers = neue(s) Hilfsangebot(e)
team-work-emails-sending = E-Mail(s) im Versand
team-work-emails-by-hand = E-Mail(s) von Hand weiterzuleiten (kein SMTP)
team-work-emails-failed = fehlgeschlagene E-Mail(s)
team-all-m = Alle

## Eine Zusage per E-Mail bestätigen
pledge-confirm-needed = Fast geschafft: Wir haben Ihnen eine E-Mail gesendet. Öffnen Sie den Link darin, um Ihre Zusage zu bestätigen; bis dahin zählt sie nicht.
pledge-state-unconfirmed = Noch nicht bestätigt: Öffnen Sie den Link in der E-Mail, die wir an { $email } gesendet haben. Solange Sie Ihre Zusage nicht bestätigt haben, zählt sie nicht.
pledge-state-unconfirmed-held = Ihr Dankeschön ist bis { $until } für Sie reserviert.
pledge-state-unconfirmed-released = Ihr Dankeschön ist nicht mehr reserviert: Wenn Sie bestätigen, gehört es Ihnen, sofern noch welche übrig sind.
pledge-state-unconfirmed-typo = Nicht Ihre Adresse, oder kommt keine E-Mail an? Stornieren Sie diese Zusage unten und geben Sie eine neue mit der richtigen Adresse ab.
pledge-confirmed = Vielen Dank: Ihre Zusage ist bestätigt und zählt.
pledge-confirm-title = Meine Zusage bestätigen
pledge-confirm-sold-out = Ihr Dankeschön war ausverkauft, während Ihre Zusage auf die Bestätigung wartete. Wählen Sie ein anderes oder unterstützen Sie ohne Dankeschön, um die Zusage zu bestätigen.
pledge-confirm-submit = Meine Zusage bestätigen
pledge-confirm-closed = Die Kampagne ist beendet: Eine Zusage kann nicht mehr bestätigt werden.
error-pledge-unconfirmed = Bestätigen Sie zuerst Ihre Zusage über den Link in der E-Mail, die wir Ihnen gesendet haben.
api-pledge-unconfirmed = Eine E-Mail wurde an { $email } gesendet: Die Zusage zählt, sobald die Person, die sie abgegeben hat, den Bestätigungslink darin öffnet.
api-pledge-active = Die Zusage ist erfasst und zählt.
mail-pledge-confirm-subject = Bestätigen Sie Ihre Zusage für „{ $campaign }“
mail-pledge-confirm-body =
    Guten Tag { $name }

    Um Ihre Zusage von { $amount } ({ $reward }) zu bestätigen, öffnen Sie diesen Link:
    { $confirm_link }

    Solange Sie sie nicht bestätigt haben, zählt Ihre Zusage nicht, und Ihr Dankeschön ist { $hold_minutes } Minuten lang für Sie reserviert.

    Referenz: { $reference }

    Falls Sie keine Zusage abgegeben haben, ignorieren Sie diese E-Mail: Die Zusage wird innert einer Woche gelöscht.
team-warning-confirm-at-once = Es ist kein SMTP-Server eingerichtet, daher kann keine E-Mail verschickt werden: Zusagen zählen sofort, ohne dass die Unterstützenden ihre Adresse bestätigen. Jede Person kann im Namen einer anderen eine Zusage abgeben. Setzen Sie BOBINE_SMTP_URL und BOBINE_MAIL_FROM, damit Zusagen per E-Mail bestätigt werden.
team-work-unconfirmed = unbestätigte Zusage(n)
team-address = IP-Adresse
team-from = Abgegeben ab
team-until = Abgegeben vor
team-select = Auswählen
team-delivery-title = Lieferungen
team-delivery-reward-title = Lieferung eines Dankeschöns
team-attendance-title = Anwesenheitsliste
team-delivery-hint = Ein Dankeschön ist geschuldet, sobald seine Zusage bezahlt ist. Jeder angekündigte Schritt (bereit, versandt, übergeben, Problem) geht per E-Mail an die Person; ein Einchecken am Eingang nicht.
team-delivery-owed = Geschuldet
team-delivery-sessions = Termine und Anwesenheitslisten
team-delivery-seats = { $claimed } von { $seats } Plätzen belegt
team-delivery-cancelled = abgesagt
team-delivery-import-title = Sendungsnummern der Post
team-delivery-import-hint = Eine CSV-Datei mit einer Zeile pro Paket: die Referenz der Zusage, dann die Sendungsnummer (getrennt durch Strichpunkt, Komma oder Tabulator). Jede Zusage wird «Versandt» mit ihrer Nummer, und die Person erhält den Link zur Sendungsverfolgung. Eine falsche Zeile, und nichts wird geändert: Die Meldung sagt, welche.
team-delivery-file = CSV-Datei
team-delivery-import = Nummern importieren
team-delivery-imported = { $count ->
    [0] Kein Dankeschön hat sich geändert: Jedes war schon unter dieser Nummer versandt oder weiter.
    [one] { $count } Dankeschön als versandt markiert; die Person ist benachrichtigt.
   *[other] { $count } Dankeschöns als versandt markiert; jede Person ist benachrichtigt.
}
team-delivery-prepared = Vorbereitet (bereit oder versandt)
team-delivery-addresses = Adressen der zu versendenden Pakete (CSV für die Post)
labelled = { $label }: { $value }
team-delivery-no-answers = Antworten fehlen
team-delivery-answers = Antworten auf die Fragen (CSV)
team-delivery-missing-only = Nur ohne Adresse
team-delivery-missing = { $count ->
    [one] { $count } Person hat ihre Adresse noch nicht angegeben
   *[other] { $count } Personen haben ihre Adresse noch nicht angegeben
}
team-delivery-no-address = Noch keine Adresse
team-delivery-step = Schritt
team-delivery-options = Auswahl und Termin
team-delivery-paid = bezahlt
team-delivery-unpaid = noch nicht bezahlt
team-delivery-truncated = Die Liste endet bei den ersten 2000 Personen, nach Namen.
team-delivery-move-title = Die angekreuzten Zusagen weiterbringen
team-delivery-move-hint = Jede Person erhält eine E-Mail mit dem Schritt, der Sendungsnummer und der Notiz.
team-delivery-tracking = Sendungsnummer oder Link (freiwillig)
team-delivery-note = Notiz für die Person
team-delivery-note-hint = Für eine Abholung: Ort und Öffnungszeiten. Für ein Problem: was los ist (Pflicht).
team-delivery-move-submit = Schritt anwenden
team-delivery-moved = { $count ->
    [0] Keine Zusage hat den Schritt gewechselt.
    [one] { $count } Zusage ist weitergekommen.
   *[other] { $count } Zusagen sind weitergekommen.
}
team-check-in = Angekommen
team-check-in-name = { $name } ist angekommen
team-checked-in = Anwesenheit vermerkt.
team-present = { $present } von { $count } anwesend
team-select-pledge = Zusage { $reference } auswählen
team-bulk-title = Zusagen stornieren
team-bulk-hint = Für gefälschte Zusagen: Kreuzen Sie die zu stornierenden an oder wählen Sie alle, die zum Filter passen (eine IP-Adresse, eine Minute). Niemand erhält eine E-Mail, ausser Sie wünschen es; an eine nie bestätigte E-Mail-Adresse geht nie eine E-Mail.
team-bulk-all = Alle { $count } Zusagen des Filters, nicht nur die angekreuzten
team-bulk-tell = Die Unterstützenden per E-Mail benachrichtigen
team-bulk-submit = Diese Zusagen stornieren
team-bulk-none = Keine Zusage zum Stornieren: Kreuzen Sie welche an oder wählen Sie alle, die zum Filter passen.
team-bulk-cancelled = { $count ->
    [one] Eine Zusage storniert.
   *[other] { $count } Zusagen storniert.
}
team-bulk-refused = { $count ->
    [one] Eine konnte nicht storniert werden (die Kampagne ist abgeschlossen).
   *[other] { $count } konnten nicht storniert werden (die Kampagne ist abgeschlossen).
}
mail-payment-refund-note = Sie haben mehr bezahlt, als Sie schulden: Wir erstatten Ihnen { $refund } zurück.
mail-payment-bill-subject = Ihre Rechnung über { $total } für „{ $campaign }“, zahlbar bis { $due_date }
mail-payment-bill-body =
    Guten Tag { $name }

    Vielen Dank, dass Sie „{ $campaign }“ unterstützen! Hier ist die Rechnung für Ihre Zusage { $reference }.

    Betrag: { $outstanding }{ $postage }
    Zahlbar bis: { $due_date }

    Ihre QR-Rechnung zum Scannen mit der App Ihrer Bank oder zum Ausdrucken:
    { $bill_link }

    Zahlen ohne Scannen:
    Konto: { $iban }
    Zahlbar an: { $creditor }
    Referenz: { $qr_reference }

    Ihre Zusage: { $link }

    { $campaign }
mail-payment-reminder-subject = Erinnerung: { $outstanding } für „{ $campaign }“ noch offen
mail-payment-reminder-body =
    Guten Tag { $name }

    Wir haben die Zahlung für Ihre Zusage { $reference } noch nicht erhalten: Es sind noch { $outstanding } offen, zahlbar bis { $due_date }.

    Ihre QR-Rechnung: { $bill_link }

    Konto: { $iban }
    Zahlbar an: { $creditor }
    Referenz: { $qr_reference }

    Falls Sie gerade bezahlt haben, betrachten Sie diese Nachricht als gegenstandslos: Eine Überweisung braucht ein bis zwei Werktage, bis sie bei uns eintrifft.

    { $campaign }
mail-payment-dropped-subject = Ihre Zusage für „{ $campaign }“ wurde mangels Zahlung zurückgezogen
mail-payment-dropped-body =
    Guten Tag { $name }

    Wir haben die Zahlung für Ihre Zusage { $reference } ({ $amount }), fällig am { $due_date }, nicht erhalten: Die Zusage wurde daher zurückgezogen, und Sie erhalten keine weiteren Erinnerungen.

    Falls Sie inzwischen bezahlt haben oder noch bezahlen möchten, antworten Sie uns einfach: Eine verspätete Zahlung wird immer angenommen, mit derselben Referenz ({ $qr_reference }).

    { $campaign }
mail-payment-dropped-card-subject = Ihre Zusage für „{ $campaign }“ wurde mangels Zahlung zurückgezogen
mail-payment-dropped-card-body =
    Guten Tag { $name }

    Die Zahlung per { $method } für Ihre Zusage { $reference } ({ $amount }) ist auch beim letzten Versuch nicht gelungen: Die Zusage wurde daher zurückgezogen, und Sie erhalten keine weiteren Erinnerungen.

    Falls Sie trotzdem noch bezahlen möchten, wird eine verspätete Zahlung immer angenommen: Auf Ihrer Seite finden Sie eine QR-Rechnung für eine Überweisung.
    { $link }

    { $campaign }
mail-payment-void-subject = „{ $campaign }“ hat das Ziel nicht erreicht: Sie schulden nichts
mail-payment-void-body =
    Guten Tag { $name }

    Die Kampagne „{ $campaign }“ hat ihr Ziel nicht erreicht. Ihre Zusage { $reference } ({ $amount }) wird nicht eingezogen: Sie schulden nichts.

    { $refund_note }

    Vielen Dank für Ihre Unterstützung.

    { $campaign }
mail-payment-paid-subject = Quittung: Ihre Zahlung für „{ $campaign }“
mail-payment-paid-body =
    Guten Tag { $name }

    Wir haben { $paid } für Ihre Zusage { $reference } erhalten; damit ist sie bezahlt. Vielen Dank!

    { $refund_note }

    Ihre Zusage: { $link }

    { $campaign }
mail-payment-void-refund = Sie haben bereits { $refund } bezahlt: Wir erstatten Ihnen den Betrag zurück.
payment-heading = Zahlung: { $state }
payment-state-promised = zugesagt
payment-state-due = zu bezahlen
payment-state-partly_paid = teilweise bezahlt
payment-state-paid = bezahlt
payment-state-dropped = zurückgezogen, nicht bezahlt
payment-state-void = nichts zu bezahlen
payment-state-refund_due = zurückzuerstatten
payment-state-refunded = zurückerstattet
payment-text-on-success = Wenn das Ziel am { $deadline } erreicht ist, erhalten Sie eine QR-Rechnung über { $amount }, zahlbar innert { $days } Tagen.
payment-text-at-pledge = Sobald Sie Ihre Zusage bestätigt haben, erhalten Sie eine QR-Rechnung über { $amount }, zahlbar innert { $days } Tagen.
payment-text-billing = Ihre QR-Rechnung über { $amount } ist unterwegs: Sie erhalten sie per E-Mail und finden sie auch hier.
payment-text-due = Bitte bezahlen Sie { $outstanding } bis zum { $due_date } mit Ihrer QR-Rechnung.
payment-text-partly-paid = Wir haben { $held } erhalten: Es sind noch { $outstanding } bis zum { $due_date } zu bezahlen.
payment-text-paid = Bezahlt am { $paid_date }. Vielen Dank!
payment-text-overpaid = Sie haben { $refund } zu viel bezahlt: Das Team erstattet Ihnen den Betrag zurück.
payment-text-dropped = Die Rechnung wurde nicht bezahlt: Die Zusage wurde am { $dropped_date } zurückgezogen. Eine verspätete Zahlung mit Ihrer QR-Rechnung ist weiterhin willkommen.
payment-text-dropped-card = Die Zahlung per { $method } ist nicht gelungen: Die Zusage wurde am { $dropped_date } zurückgezogen. Eine verspätete Zahlung mit Ihrer QR-Rechnung ist weiterhin willkommen.
payment-text-failed = Nichts zu bezahlen: Die Kampagne hat ihr Ziel nicht erreicht.
payment-text-cancelled = Nichts zu bezahlen: Diese Zusage wurde storniert.
payment-text-refund-due = Sie schulden nichts, und wir haben { $held } von Ihnen erhalten: Das Team erstattet Ihnen den Betrag zurück.
payment-text-refunded = Sie schulden nichts: { $refunded } wurden Ihnen zurückerstattet.
payment-bill-link = QR-Rechnung ansehen und drucken
payment-by-hand = Zahlen ohne Scannen
payment-account = Konto
payment-creditor = Zahlbar an
payment-qr-reference = Referenz
payment-amount = Betrag
payment-due-date = Zahlbar bis
bill-page-title = QR-Rechnung
bill-page-intro = Scannen Sie den Code mit der App Ihrer Bank oder drucken Sie diese Seite auf A4-Papier aus: Der Zahlteil befindet sich in Originalgrösse unten auf der Seite.
bill-image-alt = QR-Rechnung über { $amount }, zahlbar an { $creditor }, Referenz { $reference }
bill-back = Zurück zu meiner Zusage
error-refund-too-large = Eine Rückerstattung kann nicht höher sein als der Betrag, der für diese Zusage eingegangen ist.

## Zahlungen, Seite des Teams
team-payments-title = Zahlungen
team-payments-off = Zahlungen sind nicht aktiviert: Fügen Sie der Datei campaign.toml einen Abschnitt [payments] hinzu, um QR-Rechnungen zu versenden und eingegangenes Geld zu verfolgen.
team-warning-example-account = Die QR-Rechnungen nennen ein Beispielkonto aus dem Standard, dem keine Bank etwas gutschreibt: Es wird nie eine Zahlung eintreffen. Ersetzen Sie die IBAN unter [payments.creditor] in campaign.toml durch die Ihres eigenen Kontos und starten Sie dann neu.
team-payments-collected = erhalten
team-payments-outstanding = noch offen
team-payments-refund-due = zurückzuerstatten
team-payments-refunded = zurückerstattet
team-payments-dropped = { $count ->
    [0] zurückgezogen, nicht bezahlt (keine Zusage)
    [one] zurückgezogen, nicht bezahlt ({ $count } Zusage)
   *[other] zurückgezogen, nicht bezahlt ({ $count } Zusagen)
}
team-payments-import-title = Datei der Bank
team-payments-import-hint = Laden Sie in Ihrem E-Banking die Gutschriftsanzeige (camt.054) oder den Kontoauszug (camt.053) im XML-Format herunter. Jede Zahlung findet ihre Zusage über ihre QR-Referenz; eine bereits erfasste Zahlung zählt nie doppelt.
team-payments-file = Datei camt.054 oder camt.053
team-payments-import = Importieren
team-payments-imported = { $kind } importiert: { $movements } Buchung(en), { $matched } ihrer Zusage zugeordnet, { $unmatched } von Hand zuzuordnen, { $known } bereits bekannt. { $paid } Zusage(n) jetzt bezahlt.
team-payments-imported-again = Diese Datei wurde bereits importiert ({ $kind }): { $movements } Buchung(en), { $known } bereits bekannt, { $matched } neu zugeordnet, { $unmatched } von Hand zuzuordnen.
team-payments-refused = Datei abgelehnt, es wurde nichts geändert: { $reason }
team-payments-no-file = Wählen Sie die Datei der Bank, die Sie importieren möchten.
team-payments-file-too-large = Die Datei ist zu gross oder ist nicht vollständig angekommen: Es wurde nichts geändert.
team-payments-file-unreadable = Die Datei konnte nicht gelesen werden: Es wurde nichts geändert.
team-payments-unmatched-title = Zuzuordnende Zahlungen
team-payments-unmatched-hint = Diese Zahlungen sind ohne Referenz eingegangen, die auf eine Zusage verweist. Geben Sie die Referenz der Zusage (zum Beispiel BX7K-3M9Q) oder die E-Mail-Adresse der unterstützenden Person an, oder legen Sie die Zahlungen beiseite, wenn sie nicht zur Kampagne gehören.
team-payments-unmatched-found = { $count ->
    [one] Eine Zahlung zuzuordnen.
   *[other] { $count } Zahlungen zuzuordnen (die { $listed } ältesten werden angezeigt).
}
team-payments-unmatched-none = Keine Zahlung zuzuordnen.
team-payments-payer = Zahlende Person
team-payments-iban = IBAN
team-payments-message = Mitteilung
team-payments-decide = Zuordnen
team-payments-reversal = Rückbuchung
team-payments-pledge = Zusage (Referenz oder E-Mail)
team-payments-pledge-hint = BX7K-3M9Q oder anne@example.ch
team-payments-match = Zuordnen
team-payments-not-ours = Nicht für uns
team-payments-matched = Zahlung der Zusage { $reference } zugeordnet: { $state }.
team-payments-set-aside = Zahlung beiseitegelegt: Sie gehört nicht zur Kampagne.
team-payments-already-decided = Diese Zahlung wurde bereits bearbeitet: Es wurde nichts geändert.
team-payments-receipt = Eine Quittung wird per E-Mail verschickt.
team-payments-pledge-empty = Geben Sie die Referenz der Zusage oder die E-Mail-Adresse der unterstützenden Person an.
team-payments-no-pledge = Keine Zusage passt zu dieser Referenz oder dieser Adresse.
team-payments-several-pledges = Von dieser Adresse stammen mehrere Zusagen: Geben Sie die Referenz der bezahlten an.
team-payments-other-currency = Diese Zahlung ist in { $currency }, nicht in der Währung der Kampagne: Klären Sie sie mit der Bank und erfassen Sie dann von Hand, was eingegangen ist.
team-payments-refunds-title = Ausstehende Rückerstattungen
team-payments-refunds-hint = Diese Zusagen haben mehr erhalten, als sie schulden (eine Überzahlung oder eine Zusage, die nichts mehr schuldet). Führen Sie die Überweisung in Ihrem E-Banking aus und erfassen Sie sie dann hier.
team-payments-refunds-found = { $count ->
    [one] Eine Rückerstattung ausstehend.
   *[other] { $count } Rückerstattungen ausstehend (die { $listed } ältesten werden angezeigt).
}
team-payments-refunds-none = Keine Rückerstattung ausstehend.
team-payments-due-back = Zurückzuzahlen
team-payments-no-iban = unbekannt (keine Überweisung erhalten)
team-payments-refund-made = Rückerstattung ausgeführt
team-payments-note = Notiz
team-payments-refund-recorded = Rückerstattung von { $amount } für die Zusage { $reference } erfasst: { $state }.
team-payments-refund-above-due = Eine Rückerstattung kann nicht höher sein als der zurückzuzahlende Betrag ({ $due }).
team-payments-by-hand-title = Von Hand erhaltene Zahlung
team-payments-by-hand-hint = Geld, das ausserhalb der Datei der Bank eingegangen ist: bar an einem Workshop oder eine Überweisung ohne Referenz.
team-payments-record = Zahlung erfassen
team-payments-payment-recorded = Zahlung von { $amount } für die Zusage { $reference } erfasst: { $state }.
team-work-collected = erhalten
team-work-outstanding = noch offen
team-work-refund-due = zurückzuerstatten
team-work-dropped = zurückgezogen, nicht bezahlt
team-dashboard-payments-off = Zahlungen sind nicht aktiviert: Ohne Abschnitt [payments] in campaign.toml wird keine Rechnung verschickt, und eingegangenes Geld wird hier nicht verfolgt.
team-payment-state = Zahlung
team-payments-reversal-too-large = Diese Rückbuchung nimmt mehr zurück, als die Zusage erhalten hat: Ordnen Sie sie der Zusage zu, deren Zahlung zurückgebucht wurde.
field-method = Wie möchten Sie bezahlen?
pay-by-bank = Banküberweisung (QR-Rechnung)
pay-by-card = Karte
pay-by-twint = TWINT
pay-by-bank-on-success = Wenn das Ziel erreicht wird, erhalten Sie eine QR-Rechnung, zahlbar innert weniger Tage.
pay-by-card-on-success = Ihre Karte wird jetzt gespeichert und nur belastet, wenn das Ziel erreicht wird.
pay-by-twint-on-success = TWINT wird jetzt gespeichert und nur belastet, wenn das Ziel erreicht wird (bis CHF 5’000).
pay-by-bank-at-pledge = Sie erhalten eine QR-Rechnung, zahlbar innert weniger Tage.
pay-by-card-at-pledge = Sie bezahlen jetzt mit Karte, auf der sicheren Seite von Stripe.
pay-by-twint-at-pledge = Sie bezahlen jetzt mit TWINT (bis CHF 5’000), auf der sicheren Seite von Stripe.
error-method-unknown = Wählen Sie eine der angebotenen Zahlungsarten.
error-twint-limit = TWINT akzeptiert höchstens CHF 5’000 pro Zahlung: Wählen Sie eine Karte oder eine Banküberweisung.
error-checkout-nothing = Für diese Zusage gibt es im Moment nichts zu bezahlen oder zu speichern.
error-checkout-unavailable = Der Dienst für Kartenzahlungen ist im Moment nicht erreichbar. Ihre Zusage bleibt bestehen: Versuchen Sie es in einem Moment über die Seite Ihrer Zusage erneut, oder bezahlen Sie per Überweisung.
payment-state-errored = Zahlung fehlgeschlagen
payment-text-errored = Die Zahlung von { $outstanding } ist nicht gelungen. Bezahlen Sie unten erneut, mit Karte oder TWINT, oder wechseln Sie zu einer QR-Rechnung.
payment-text-authenticate = Ihre Bank bittet Sie, die Zahlung von { $outstanding } zu bestätigen. Bezahlen Sie unten: Ihre Bank wird Sie dann um die Bestätigung bitten.
payment-text-method-saved = { $kind ->
        [card] Ihre Karte ist gespeichert
       *[other] Ihr { $method }-Konto ist gespeichert
    }: Wenn das Ziel am { $deadline } erreicht ist, wird der Betrag von { $amount } zu diesem Zeitpunkt belastet. Vorher wird nichts belastet.
payment-text-method-removed = { $kind ->
        [card] Ihre Karte ist nicht mehr verfügbar. Speichern Sie eine andere
       *[other] Ihr { $method }-Konto ist nicht mehr verfügbar. Speichern Sie es erneut
    } oder wechseln Sie zu einer QR-Rechnung, damit Ihre Zusage von { $amount } eingezogen werden kann.
payment-text-method-pay = Ihre Zusage von { $amount } ist noch nicht bezahlt: Bezahlen Sie sie unten oder wechseln Sie zu einer QR-Rechnung.
payment-text-method-pending = { $kind ->
        [card] Ihre Karte ist noch nicht gespeichert: Speichern Sie sie unten,
       *[other] Ihr { $method }-Konto ist noch nicht gespeichert: Speichern Sie es unten,
    } damit Ihre Zusage von { $amount } eingezogen werden kann, wenn das Ziel erreicht wird, oder wechseln Sie zu einer QR-Rechnung.
payment-text-method-charging = { $kind ->
        [card] Ihre Karte wird gerade mit { $amount } belastet.
       *[other] Ihr { $method }-Konto wird gerade mit { $amount } belastet.
    } Sie erhalten eine Quittung per E-Mail; falls es nicht klappt, einen Link, um anders zu bezahlen.
payment-save-method = { $kind ->
        [card] Meine Karte speichern
       *[other] Mein { $method }-Konto speichern
    }
payment-pay-now = { $outstanding } mit { $method } bezahlen
payment-switch-hint = Lieber per Überweisung? Sie erhalten stattdessen eine QR-Rechnung.
payment-switch-submit = Stattdessen mit QR-Rechnung bezahlen
payment-switched-to-bank = Erledigt: Sie bezahlen per Überweisung, mit einer QR-Rechnung.
checkout-back-paid = Vielen Dank: Ihre Zahlung ist eingegangen.
checkout-back-saved = { $kind ->
        [card] Vielen Dank: Ihre Karte ist gespeichert.
       *[other] Vielen Dank: Ihr { $method }-Konto ist gespeichert.
    }
checkout-back-waiting = Vielen Dank: Wir warten auf die Bestätigung des Zahlungsdienstes. Laden Sie diese Seite in einem Moment neu.
checkout-back-left = Ihre Zusage bleibt bestehen. Sie können unten abschliessen oder per Überweisung mit einer QR-Rechnung bezahlen.
mail-payment-errored-subject = Ihre Zahlung für „{ $campaign }“ ist nicht gelungen
mail-payment-errored-body =
    Guten Tag { $name }

    Die Zahlung von { $outstanding } für Ihre Zusage { $reference } an „{ $campaign }“ ist nicht gelungen.

    Bezahlen Sie hier erneut, mit Karte oder TWINT, oder wählen Sie eine QR-Rechnung:
    { $pay_link }

    Wir erinnern Sie alle zwei Tage daran; ohne Zahlung innert einer Woche wird die gespeicherte Zahlungsart ein letztes Mal belastet, danach wird die Zusage zurückgezogen.

    { $campaign }
mail-payment-authenticate-subject = Bitte bestätigen Sie Ihre Zahlung für „{ $campaign }“
mail-payment-authenticate-body =
    Guten Tag { $name }

    Ihre Bank bittet Sie, die Zahlung von { $outstanding } für Ihre Zusage { $reference } an „{ $campaign }“ zu bestätigen.

    Bestätigen Sie sie hier (oder wählen Sie eine QR-Rechnung):
    { $pay_link }

    { $campaign }
mail-payment-errored-reminder-subject = Erinnerung: Ihre Zahlung für „{ $campaign }“ fehlt noch
mail-payment-errored-reminder-body =
    Guten Tag { $name }

    Die Zahlung von { $outstanding } für Ihre Zusage { $reference } ist noch nicht gelungen.

    Bezahlen Sie hier, mit Karte, TWINT oder QR-Rechnung:
    { $pay_link }

    Ohne Zahlung wird die Zusage am Ende der Frist zurückgezogen.

    { $campaign }
mail-payment-method-lost-subject = Ihre Zahlungsart für „{ $campaign }“ ist nicht mehr verfügbar
mail-payment-method-lost-body =
    Guten Tag { $name }

    { $kind ->
        [card] Die gespeicherte Karte
       *[other] Das gespeicherte { $method }-Konto
    } für Ihre Zusage { $reference } ({ $amount }) wurde entfernt und kann nicht mehr belastet werden.

    Speichern Sie hier eine andere Zahlungsart oder wählen Sie eine QR-Rechnung:
    { $link }

    { $campaign }
mail-payment-refunded-subject = Rückerstattung für Ihre Zusage an „{ $campaign }“
mail-payment-refunded-body =
    Guten Tag { $name }

    Wir haben Ihnen { $refunded } für Ihre Zusage { $reference } auf die verwendete Zahlungsart zurückerstattet. Der Betrag erscheint innert einiger Werktage auf Ihrem Konto.

    Ihre Zusage: { $link }

    { $campaign }
method-name-bank = Überweisung
method-name-card = Karte
method-name-twint = TWINT
team-cards-title = Karten und TWINT
team-cards-trouble = Stripe war beim letzten Aufruf nicht erreichbar oder hat den geheimen Schlüssel abgelehnt. Prüfen Sie BOBINE_STRIPE_SECRET_KEY und den Status von Stripe; die Belastungen warten und werden erneut versucht.
team-cards-method = Zahlungsart
team-cards-pledges = Zusagen
team-cards-pledged = Zugesagt
team-cards-errored-title = Fehlgeschlagene Belastungen
team-cards-errored-hint = Die unterstützende Person hat einen Link erhalten, um erneut zu bezahlen, und alle 48 Stunden eine Erinnerung; nach der Nachfrist wird die gespeicherte Zahlungsart ein letztes Mal belastet, danach wird die Zusage zurückgezogen. Sie können jetzt erneut belasten, zum Beispiel wenn die Person sagt, dass ihre Karte wieder funktioniert.
team-cards-errored-found = { $count ->
    [one] Eine fehlgeschlagene Belastung.
   *[other] { $count } fehlgeschlagene Belastungen (die { $listed } ältesten werden angezeigt).
}
team-cards-errored-none = Keine fehlgeschlagene Belastung.
team-cards-reason = Grund
team-cards-since = Seit
team-cards-reminders = Gesendete Erinnerungen
team-cards-retry = Erneut belasten
team-cards-no-retry = Nichts gespeichert, das belastet werden kann
team-cards-retried = Die Zusage { $reference } wird in einem Moment erneut belastet.
error-retry-not-possible = Diese Zusage kann jetzt nicht erneut belastet werden: Sie ist bezahlt, hat weder Karte noch TWINT gespeichert, oder ihre Belastung läuft bereits.
charge-error-card_declined = Karte abgelehnt
charge-error-authentication_required = die Bank bittet die unterstützende Person um Bestätigung
charge-error-no_method = bei Abschluss keine Karte und kein TWINT gespeichert
charge-error-expired_card = Karte abgelaufen
charge-error-insufficient_funds = ungenügende Deckung
charge-error-unknown = Stripe hat nie geantwortet und kennt diese Belastung nicht
dispute-reason-fraudulent = laut Karteninhaber nicht von ihm getätigt
dispute-reason-duplicate = laut Karteninhaber doppelt belastet
dispute-reason-unrecognized = der Karteninhaber erkennt die Zahlung nicht
dispute-reason-product_not_received = laut Karteninhaber Dankeschön nicht erhalten
dispute-reason-credit_not_processed = laut Karteninhaber wurde eine Rückerstattung erwartet
dispute-reason-general = ohne Angabe von Gründen
team-disputes-title = Zahlungsanfechtungen
team-disputes-hint = Die Bank einer unterstützenden Person ficht diese Kartenzahlungen an. Beantworten Sie jede Anfechtung im Stripe-Dashboard (Zahlungen → Zahlungsanfechtungen) vor der dort angegebenen Frist. Das Geld verschwindet erst aus den Zahlen, wenn die Bank es zurückholt, und kommt zurück, wenn die Anfechtung gewonnen wird.
team-disputes-found = { $count ->
    [one] Eine Zahlungsanfechtung.
   *[other] { $count } Zahlungsanfechtungen (die { $listed } neuesten werden angezeigt).
}
team-disputes-none = Keine Zahlungsanfechtung.
team-disputes-opened = Eröffnet am
team-disputes-money = Geld
team-disputes-untouched = noch nicht zurückgeholt
team-disputes-withdrawn = von der Bank zurückgeholt
team-disputes-reinstated = zurückerhalten: Anfechtung gewonnen
error-charge-under-way = Eine Belastung dieser Zusage läuft gerade: Warten Sie das Ergebnis ab (höchstens ein paar Minuten), bevor Sie anders bezahlen.

## Sharing, badge, embed and posters
share-title = Teilen
share-link-label = Adresse dieser Seite
share-copy = Link kopieren
share-copied = Link kopiert.
share-copy-failed = Das Kopieren hat nicht geklappt: Die Adresse ist markiert, kopieren Sie sie von Hand.
share-email = E-Mail
share-sheet = Teilen…
badge-percent = { $percent } %
badge-title = { $name }: { $percent } % finanziert
embed-back = Diese Kampagne unterstützen
embed-see = Kampagne ansehen
posters-title = Plakate
posters-intro = Ein Plakat für ein Schaufenster oder eine Anschlagtafel: Sein QR-Code führt mit einer eigenen Kennung zur Kampagne, und die Übersicht zählt unter dieser Kennung die Zusagen, die über das Plakat gekommen sind.
posters-tag = Kennung
posters-tag-hint = Der Ort des Plakats in wenigen Worten, zum Beispiel boutique-carouge; wird in Kleinbuchstaben und mit Bindestrichen gespeichert.
posters-size = Papierformat
posters-size-a4 = A4 (210 × 297 mm)
posters-size-a5 = A5 (148 × 210 mm)
posters-submit = Plakat erstellen
posters-print-hint = Drucken Sie diese Seite über Ihren Browser (Ctrl+P oder ⌘P): Nur das Plakat wird gedruckt, im gewählten Format.
posters-print = Drucken
posters-scan = Scannen Sie den Code oder besuchen Sie
posters-as-of = Stand: { $date }.
posters-qr-label = QR-Code der Adresse { $address }
posters-error-tag = Geben Sie eine Kennung aus Buchstaben oder Ziffern an, zum Beispiel boutique-carouge.
posters-error-size = Wählen Sie das Format A4 oder A5.
posters-error-long = Diese Adresse ist zu lang für einen QR-Code: Kürzen Sie die Kennung.
posters-local-address = Die Codes führen zu { $address }, der Adresse dieses Rechners, die Telefone von Passantinnen und Passanten nicht erreichen: Tragen Sie vor dem Drucken die öffentliche Adresse der Website in BOBINE_PUBLIC_URL ein.

# The campaign page's pictures, video and sections
sections-label = Auf dieser Seite
designers-see-all = Alle Designerinnen und Designer ansehen
group-object = Objekte
group-workshop = Workshops
group-guided-tour = Geführte Rundgänge
group-coaching = Online-Coachings
group-meeting = Treffen
video-play = Video „{ $title }“ abspielen ({ $site })
video-privacy = Das Video wird erst von { $site } geladen, wenn Sie es starten, nicht vorher: Bis Sie klicken, erhält die Plattform nichts von Ihnen.
pledge-confirm-error-title = Ihre Zusage ist noch nicht bestätigt

## Finding one's pledges again
footer-find = Meine Zusage wiederfinden
footer-questions = Eine Frage stellen
find-title = Ihre Zusagen wiederfinden
find-intro = Haben Sie die E-Mail mit dem Link zu Ihrer Zusage verloren? Geben Sie die Adresse an, mit der Sie Ihre Zusage abgegeben haben: Wir senden den Link zu jeder Ihrer Zusagen an diese Adresse.
find-email-hint = Die Adresse, die Sie bei Ihrer Zusage angegeben haben. Wir schreiben nur an diese Adresse.
find-submit = Meine Links erhalten
find-error-title = Ihre Links wurden nicht gesendet
find-sent-title = Schauen Sie in Ihre E-Mails
find-sent-text = Falls mit dieser Adresse Zusagen abgegeben wurden, haben wir die Links soeben dorthin gesendet. Nach ein paar Minuten noch nichts erhalten? Schauen Sie im Spam-Ordner nach, oder versuchen Sie es mit einer anderen Adresse, die Sie verwenden.
mail-pledge-links-subject = Ihre Zusagen für „{ $campaign }“
mail-pledge-links-body =
    Guten Tag { $name }

    Sie haben die Links zu Ihren Zusagen für „{ $campaign }“ angefordert. Hier sind sie:

    { $pledges }

    Jeder Link ist persönlich: Bitte geben Sie ihn nicht weiter. Falls Sie nichts angefordert haben, ignorieren Sie diese E-Mail; niemand sonst hat sie erhalten.

    { $campaign }
mail-pledge-links-line =
    { $reference } · { $amount } · { $reward }{ $state }
    { $link }
mail-pledge-links-unconfirmed = {" "}(noch zu bestätigen)
mail-pledge-links-cancelled = {" "}(storniert)

mail-question-answered-subject = Ihre Frage an „{ $campaign }“
mail-question-answered-body =
    Guten Tag { $name }

    Sie haben uns gefragt:

    { $question }

    Unsere Antwort:

    { $answer }

    Für eine weitere Frage: { $link }

    { $campaign }

mail-news-subject = { $campaign }: { $title }
mail-news-body =
    Guten Tag { $name }

    { $title }

    { $text }

    Online lesen: { $link }

    { $campaign }

    --
    Sie erhalten die Neuigkeiten von „{ $campaign }“, weil Sie die Kampagne unterstützen. Zum Abmelden genügt ein Klick: { $unsubscribe }
    E-Mails zu Ihrer Zusage und deren Zahlung erhalten Sie weiterhin.


## Questions
faq-title = Häufige Fragen
questions-title = Fragen
questions-intro = Eine Frage zur Kampagne, zu einer Gegenleistung oder zu den Workshops? Lesen Sie die häufigen Fragen oder stellen Sie Ihre eigene: Das Team antwortet per E-Mail.
questions-ask = Eine Frage stellen
questions-message = Ihre Frage
questions-message-hint = Höchstens { $max } Zeichen.
questions-email-hint = Die Antwort erreicht Sie unter dieser Adresse. Sie wird nie veröffentlicht.
questions-may-publish = Das Team darf meine Frage und die Antwort ohne meinen Namen bei den häufigen Fragen veröffentlichen
questions-submit = Frage senden
questions-error-title = Die Frage wurde nicht gesendet
questions-thanks-title = Danke für Ihre Frage
questions-thanks-text = Das Team hat sie erhalten und antwortet Ihnen per E-Mail, meist innerhalb weniger Tage.
questions-more = Alle Fragen, oder stellen Sie Ihre eigene
error-question-private = Die Person hat der Veröffentlichung ihrer Frage nicht zugestimmt.
error-question-unanswered = Beantworten Sie zuerst die Frage.

team-questions-title = Fragen
team-questions-none = Noch keine Fragen.
team-question-title = Eine Frage
team-question-new = Zu beantworten
team-question-answered = Beantwortet
team-question-published = In den häufigen Fragen
team-question-open = Öffnen
team-question-answer = Antworten
team-question-answer-again = Erneut antworten
team-question-answer-sent = Gesendete Antwort
team-question-answered-by = Am { $when }, von { $by }
team-question-answer-field = Ihre Antwort, per E-Mail an { $email }
team-question-send = Antwort senden
team-question-sent = Antwort gespeichert und per E-Mail gesendet.
team-question-error-title = Nichts wurde gesendet
team-question-consent = Veröffentlichung
team-question-consent-yes = Die Person ist einverstanden, dass Frage und Antwort ohne ihren Namen veröffentlicht werden.
team-question-consent-no = Die Person hat einer Veröffentlichung nicht zugestimmt.
team-question-faq-hint = Die Person ist mit der Veröffentlichung einverstanden: Formulieren Sie Frage und Antwort so, wie alle sie lesen werden (ohne Namen oder Adresse).
team-question-in-faq = Diese Frage steht in den häufigen Fragen, wie unten geschrieben.
team-question-faq-question = Die Frage, für die häufigen Fragen
team-question-faq-answer = Die Antwort, für die häufigen Fragen (Markdown)
team-question-faq-publish = In den häufigen Fragen veröffentlichen
team-question-faq-update = Häufige Fragen aktualisieren
team-question-faq-remove = Aus den häufigen Fragen entfernen
team-question-published-done = Die Frage steht in den häufigen Fragen.
team-question-unpublished-done = Die Frage steht nicht mehr in den häufigen Fragen.
team-work-questions = Fragen zu beantworten

## Personal data
data-title = Ihre Daten
data-intro = Alles, was die Website über Sie speichert (Zusagen, Zahlungen, gesendete E-Mails, Fragen):
data-download = herunterladen (JSON)
data-erase-title = Meine Daten löschen
data-erase-text = Ihr Name, Ihre E-Mail-Adresse, Ihr angezeigter Name und Ihre IP-Adresse werden überall gelöscht; Ihre Zusagen und deren Zahlungen bleiben anonym erhalten, wie es die Buchführungspflicht verlangt. Sie erhalten keine E-Mails der Website mehr, und dieser private Link zeigt nichts mehr über Sie.
data-erase-confirm = Ich verstehe, dass die Löschung endgültig ist
data-erase-submit = Meine Daten löschen
erased-title = Ihre Daten sind gelöscht
erased-text = Die Website speichert weder Ihren Namen noch Ihre E-Mail-Adresse. Danke, dass Sie die Kampagne unterstützt haben.
error-erase-confirm = Kreuzen Sie das Feld an, um die Löschung zu bestätigen.
error-erase-open-pledge = Eine Zusage zählt noch in der laufenden Kampagne: Stornieren Sie sie zuerst oder warten Sie das Ende der Kampagne ab.
error-erase-money-owed = Eine Rechnung wartet noch auf ihre Zahlung: Die Löschung ist möglich, sobald sie bezahlt oder verfallen ist.
error-erase-refund-due = Ihnen ist noch Geld zurückzuzahlen: Die Löschung ist nach der Rückzahlung möglich.
team-people-title = Personen
team-people-intro = Für eine Person, die ihre Daten oder deren Löschung verlangt: Finden Sie, was die Website unter ihrer E-Mail-Adresse speichert, senden Sie ihr den Export oder löschen Sie alles.
team-people-find = Suchen
team-people-error-title = Nichts gefunden
team-people-pledges = { $count } Zusage(n)
team-people-emails = { $count } gesendete E-Mail(s)
team-people-questions = { $count } Frage(n)
team-people-offers = { $count } Hilfsangebot(e)
team-people-designers = { $count } Designer-Profil(e)
team-people-export = Export herunterladen (JSON)
team-people-erase-text = Name, E-Mail-Adresse, Telefon, IP-Adresse, Texte und Foto dieser Person werden überall gelöscht; Zusagen und Zahlungen bleiben anonym erhalten. Das ist endgültig.
team-people-erase = Daten dieser Person löschen
team-people-erased = Die Daten dieser Person sind gelöscht.

## Unsubscribe
unsubscribe-title = Neuigkeiten per E-Mail
unsubscribe-receives = { $address } erhält die Neuigkeiten von „{ $campaign }“ per E-Mail.
unsubscribe-not-receiving = { $address } erhält die Neuigkeiten von „{ $campaign }“ nicht mehr per E-Mail.
unsubscribe-leave = Keine Neuigkeiten mehr erhalten
unsubscribe-again = Neuigkeiten wieder erhalten
unsubscribe-left = Erledigt: Sie erhalten keine Neuigkeiten mehr per E-Mail.
unsubscribe-back = Erledigt: Sie erhalten die Neuigkeiten wieder per E-Mail.
unsubscribe-money = E-Mails zu Ihrer Zusage und deren Zahlung (Rechnung, Erinnerung, Quittung, Ergebnis) erhalten Sie in jedem Fall.
pledge-news-on = Sie erhalten die Neuigkeiten der Kampagne per E-Mail an { $email }.
pledge-news-off = Sie erhalten die Neuigkeiten der Kampagne nicht per E-Mail. Hier können Sie sie weiterhin lesen.
## News
news-title = Neuigkeiten
news-intro = Was das Team von der Kampagne, den Workshops und den Modeschaffenden erzählt.
news-feed = Atom-Feed abonnieren
news-none = Noch keine Neuigkeiten: Schauen Sie bald wieder vorbei.
news-all = Alle Neuigkeiten
news-more = Alle Neuigkeiten
news-back-to-pledge = Zurück zu meiner Zusage
news-for-backers = Für Unterstützende
news-backer-title = Neuigkeiten für Sie
news-team-title = Neuigkeiten
news-team-edit-title = Eine Neuigkeit
news-team-intro = Schreiben Sie eine Neuigkeit, lesen Sie sie durch und veröffentlichen Sie sie jetzt oder zur gewählten Zeit.
news-team-none = Noch keine Neuigkeiten.
news-write = Eine Neuigkeit schreiben
news-edit = Bearbeiten
news-preview = Vorschau
news-saved = Neuigkeit gespeichert.
news-read = Lesen
news-optional = freiwillig
news-field-title = Titel
news-field-body = Text
news-body-hint = In Markdown: **fett**, *kursiv*, [Link](https://…), Listen mit „-“, Zwischentitel mit „##“. Bilder: nur solche dieser Website (/media/…).
news-field-audience = Für wen?
news-field-rewards = Betroffene Dankeschöns (für „Unterstützende bestimmter Dankeschöns“)
news-save = Entwurf speichern
news-error-title = Die Neuigkeit wurde nicht gespeichert
news-publish-when = Veröffentlichen
news-publish-now = Jetzt
news-publish-later = Zur gewählten Zeit
news-publish-at = Datum und Uhrzeit ({ $zone })
news-publish = Veröffentlichen
news-publish-email = Auch per E-Mail an die betroffenen Unterstützerinnen und Unterstützer senden, die Neuigkeiten möchten
team-news-mail-title = Per E-Mail versandte Neuigkeiten
news-mailing-off = Nicht per E-Mail versandt
news-mailing-pending = Wird per E-Mail versandt, sobald sie erscheint
news-mailing-sending = Versand läuft · vorbereitet: { $stored } · versandt: { $sent } · wartend: { $waiting }
news-mailing-done = Per E-Mail · versandt: { $sent } · wartend: { $waiting } · fehlgeschlagen: { $failed }
news-audience-public = Alle
news-audience-backers = Unterstützende
news-audience-rewards = Unterstützende bestimmter Dankeschöns
news-standing-draft = Entwurf
news-standing-scheduled = Geplant für den { $when }
news-standing-out = Veröffentlicht am { $when }
error-news-title-missing = Geben Sie auch einen Titel in dieser Sprache an, oder lassen Sie sie leer.
error-news-body-missing = Geben Sie auch einen Text in dieser Sprache an, oder lassen Sie sie leer.
error-news-audience = Wählen Sie, für wen diese Neuigkeit ist.
error-news-reward-unknown = Eines der gewählten Dankeschöns gibt es nicht.
error-news-rewards-none = Wählen Sie mindestens ein Dankeschön.
error-news-already-out = Diese Neuigkeit ist bereits veröffentlicht.
error-news-time = Geben Sie Datum und Uhrzeit an, zum Beispiel 2027-03-01 09:00.
