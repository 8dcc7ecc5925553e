## Site
site-tagline = Crowdfunding
nav-designers = The designers
nav-campaign = The campaign
skip-to-content = Skip to content
nav-site = Site navigation
nav-team = Team navigation
designers-filter = Filter by practice
footer-text = Powered by bobine, a self-hosted crowdfunding platform.

## Legal notice and privacy
nav-footer = Footer
footer-contact = Contact
legal-title = Legal notice
legal-run-by = This campaign is run by:
legal-no-organiser = The campaign team has not given its name and address yet.
legal-software = The site runs on bobine, free crowdfunding software installed on the team's own server: no third-party platform receives your data or a commission.
privacy-title = Privacy
privacy-description = What this site records, why, and for how long.
privacy-contact = To see, correct or delete your data, write to:
privacy-intro = This site is hosted by the campaign team itself. It records only what it needs to keep track of your pledges and deliver your rewards, and nothing leaves its server except as said below.
privacy-stored = When you pledge: your name, your email address, the amount, the reward you chose, the name to show (or anonymity), and where you came from (the tag of a shared link and the site that led to it, never your browsing). When you pay: the QR-bill's reference and the payments received; for a card or TWINT, the identifiers Stripe gives, never the card number. Designers who register: their profile and photo, whose metadata (location, camera) is removed. Offers of help: what you write and your contact details, read by the team only.
privacy-cookies = No analytics or advertising cookies. The site sets only the language you chose, a token against forged forms, and for the team its login session.
privacy-others = No script or font from another site is loaded. Emails leave through the team's mail server. A card or TWINT payment goes through Stripe, which receives what it needs to charge. A video hosted elsewhere loads only when you click it.
privacy-kept = A pledge never confirmed is deleted after 7 days. Other data is kept for the campaign and the delivery of rewards, then as long as the law requires for accounts.
privacy-rights = From your pledge's private link you download everything the site keeps about you and can erase it; you may also ask for it in writing at any time. Your pledges and payments then stay, anonymous, as long as accounting law requires. The news by email stops with one click, from any of them.

## Supporters' wall
supporters-title = Supporters' wall
supporters-intro = The people who back the campaign and chose to show their name, newest first.
supporters-none = No names yet: be the first!
supporters-all = See every supporter
supporters-pages = Pages of the supporters' wall
supporters-newer = Newer
supporters-older = Older

## Link previews
preview-progress = { $currency } { $raised } of { $goal } · { $percent }% · { $when }
preview-succeeded = goal reached
preview-failed = campaign over

## Campaign page
raised-of-goal = pledged of a goal of
backers = { $count ->
    [one] backer
   *[other] backers
}
funded = funded
time-left-days = { $count } days left
time-left-hours = { $count ->
    [one] { $count } hour left
   *[other] { $count } hours left
}
time-left-minutes = { $count ->
    [one] { $count } minute left
   *[other] { $count } minutes left
}
deadline-on = The campaign ends on { $date }
closed-succeeded = The campaign is over: the goal was reached. Thank you all!
closed-failed = The campaign is over without reaching its goal.
closed-failed-all-or-nothing = The campaign is over without reaching its goal: no pledge will be collected.
funding-all-or-nothing = All or nothing: pledges are collected only if the goal is reached.
funding-keep-it-all = Pledges are collected even if the goal is not reached.
story-title = Our story
rewards-title = Rewards
pledge-without-reward = Back without a reward
pledge-without-reward-text = Give the amount of your choice, from { $currency } { $amount }.
pledge-button = Back this campaign
choose-reward = Choose
from-amount = from
sold-out = Sold out
remaining = { $count ->
    [one] only one left
   *[other] { $count } left of { $limit }
}
unlimited = Unlimited
early-bird-label = Early-bird price:
early-bird-left = { $count ->
    [one] one left at the early-bird price
   *[other] { $count } left at the early-bird price
}
early-bird-until = until { $date }
instead-of = instead of
delivery = Estimated delivery: { $date }
more-details = Details
back-to-campaign = Back to the campaign

## Reward kinds and fulfilment
kind-object = Object
kind-workshop = Workshop
kind-guided-tour = Guided tour
kind-coaching = Online coaching
kind-meeting = Meeting
fulfilment-shipped = Shipped by post
fulfilment-pickup = In Geneva
fulfilment-online = Online

## Pledge form
pledge-title = Your pledge
field-reward = Reward
field-session = Date ({ $reward })
field-choice-none = Choose…
session-online = Online
session-full = full
session-seats-left = { $count ->
    [one] { $count } seat left
   *[other] { $count } seats left
}
fulfilment-state-to_prepare = To prepare
fulfilment-state-ready = Ready for pick-up
fulfilment-state-shipped = Shipped
fulfilment-state-delivered = Delivered
fulfilment-state-attended = Attended
fulfilment-state-problem = Problem
pledge-fulfilment = Delivery
pledge-tracking = Track the parcel
error-fulfilment-state = Choose a step from the list.
error-fulfilment-note-required = Say in a few words what the problem is: the backer reads it in the email.
error-import-empty = The file holds no shipment line.
error-import-unknown = Line { $line }: no pledge to ship has the reference “{ $reference }”. Nothing was changed.
error-import-tracking = Line { $line }: the reference then the tracking number are needed ({ $reference }). Nothing was changed.
error-import-twice = Line { $line }: the reference “{ $reference }” is already further up. Nothing was changed.
pledge-confirmed-choose-date = Your pledge is confirmed. The date you chose filled up while it waited: choose another one below.
session-calendar = Add to my calendar (.ics)
session-cancelled = The team cancelled this date.
session-choose-title = Choose your date
session-move-title = Change your date
session-move-hint = Your seat is kept until you take another; the old one is then free for someone else.
session-submit = Book this date
session-to-choose = To choose below
session-chosen = Your date is booked. An email confirms it.
pledge-session = Session
pledge-place = Place
no-reward = No reward
field-amount = Amount
field-amount-hint = At least the minimum of the chosen reward.
field-name = Full name
field-email = Email address
field-email-hint = For the confirmation and the link to your pledge. Never published.
field-email-hint-confirm = We email you a link to confirm your pledge: it counts once you open it. Never published.
field-display-name = Name shown publicly (optional)
field-anonymous = Stay anonymous
field-news = Receive the campaign's news by email (you can stop with one click)
pledge-submit = Confirm my pledge
pledge-closed = The campaign is over: it no longer takes pledges.
form-error-title = Your pledge was not recorded
pledge-change-error-title = Your pledge was not changed

## Private pledge page
pledge-page-title = Your pledge
pledge-thanks = Thank you! Your pledge is recorded. Keep the link to this page: it lets you change or cancel your pledge until the campaign ends.
pledge-changed = Your pledge was changed.
pledge-cancelled = Your pledge was cancelled.
pledge-reference = Reference
pledge-amount = Amount
pledge-reward = Reward
pledge-date = Date
pledge-shown-as = Shown as
pledge-anonymous = Anonymous
pledge-state-cancelled = This pledge was cancelled.
pledge-private-link = This page is private: do not share its address.
pledge-change-title = Change my pledge
pledge-change-submit = Save the changes
pledge-cancel-title = Cancel my pledge
pledge-cancel-text = Your reward will be freed for someone else.
pledge-cancel-submit = Yes, cancel my pledge
pledge-locked = The campaign is over: the pledge can no longer be changed.
early-bird-applied = at the early-bird price

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Errors
error-title = Something went wrong
error-malformed = The request is malformed: { $detail }
error-json-content-type = send JSON with the header Content-Type: application/json
error-too-large = The request is too large.
error-amount-empty = Enter an amount.
error-amount-not-a-number = Write the amount in digits, for example 50 or 50.00.
error-amount-not-positive = The amount must be more than zero.
error-amount-too-precise = The amount cannot have more than two decimals.
error-amount-too-large = The amount cannot be more than { $currency } { $amount }.
error-amount-below-minimum = The minimum amount is { $currency } { $amount }.
error-email = This email address is not valid.
error-name-empty = Enter your name.
error-name-too-long = The name cannot be longer than 100 characters.
error-name-control = The name contains characters that cannot be used.
error-unknown-reward = This reward does not exist.
error-idempotency-reused = This idempotency key was already used for another pledge.
error-sold-out = This reward is sold out. Choose another one or back without a reward.
error-session-full = This date is full. Choose another one.
error-choice-sold-out = This choice ({ $choice }) is sold out. Choose another one.
error-session-required = Choose a date for this reward.
error-unknown-session = This reward has no such date.
pledge-address = Delivery address
address-give-title = Give the delivery address
address-change-title = Change the delivery address
address-hint = Your reward goes by post: it will go to this address, which you can change here until it is sent.
address-submit = Save the address
address-saved = Address saved. Your reward will go there.
error-address-not-asked = This pledge waits for no parcel.
error-address-shipped = Your reward has already left: the address can no longer change. Reply to the shipping email if it is wrong.
field-address-name = Full name (on the label)
field-address-street = Street and number
field-address-building = Address line 2 (optional)
field-address-postcode = Postcode
field-address-town = Town
field-address-country = Country
error-address-missing = Address: { $field } is missing.
error-address-too-long = Address: { $field } is longer than { $max } characters.
error-address-unprintable = Address: { $field } must fit on one line, without invisible characters.
error-address-country = Address: choose a country from the list of countries we send to.
error-address-postcode = Address: this is not a postcode of { $country } (for example { $example }).
survey-title = A few questions for your reward
survey-hint = To prepare your reward, the team needs these answers. You can change them here until it leaves.
survey-answered = Thank you, your answers are saved. You can change them here until your reward leaves.
survey-optional = (optional)
survey-submit = Save my answers
survey-saved = Answers saved. Thank you!
error-survey-missing = Answer the question “{ $question }”.
error-survey-choice = Choose an answer from the list for “{ $question }”.
error-survey-too-long = The answer to “{ $question }” is too long: 1000 characters at most.
error-survey-unprintable = The answer to “{ $question }” holds invisible characters: type it again.
error-survey-closed = These questions are not, or no longer, open for this pledge.
zone-switzerland = Switzerland and Liechtenstein
zone-europe = Europe
zone-world = Rest of the world
postage-free = free
field-zone = Sent by post: { $reward }
field-zone-hint = Postage is added to what you pay. It is not part of your pledge and does not count toward the goal.
pledge-total-live = With postage ({ $postage }): { $total } to pay
error-zone-unknown = Choose where your reward is sent.
error-zone-not-address = The address given is in another zone than the postage chosen: choose the postage of its country.
error-zone-not-served = This reward is not sent to that country. Give an address in Switzerland or in a country of the list.
address-pledge-title = Delivery address (optional)
address-pledge-hint = For a reward sent by post. You can also give it later, on your page; the postage follows the address's country.
pledge-postage = Postage
pledge-postage-value = { $cost } ({ $zone })
pledge-total = Total to pay
mail-postage = Postage ({ $zone }): { $cost }, on top of your pledge
mail-postage-included = Including postage ({ $zone }): { $cost }
error-session-locked = This date can no longer be chosen or changed.
error-session-begun = This date has already begun. Choose another one.
error-invalid-choice = Choose one of the values offered ({ $choice }).
error-campaign-closed = The campaign is over: it no longer takes pledges or changes.
error-not-found = This page does not exist.
error-forbidden = The form expired. Check your details and send it again.
error-internal = An internal error occurred. Nothing was recorded; try again in a moment.

## Team
team-login-title = Team login
team-password = Password
team-login-submit = Log in
team-login-failed = Wrong email address or password.
team-login-throttled = Too many attempts. Try again in { $minutes } minutes.
team-logout = Log out
team-setup-title = First team account
team-setup-text = Choose the email address and password of the first account. This link works once.
team-setup-submit = Create the account
team-password-hint = At least 12 characters.
team-password-confirm = Password, once more
team-password-too-short = The password needs at least 12 characters.
team-password-mismatch = The two passwords differ.
team-dashboard-title = Dashboard
team-pledges = pledges
team-average = average pledge
team-claimed = Claimed
team-remaining = Remaining
team-revenue = Revenue
team-early-bird-uses = Early bird
team-recent = Latest pledges
team-cancelled = cancelled
team-no-pledges = No pledge yet.
error-unauthorized = Log in to see this page.
error-busy = The server is very busy at this moment. Try again in { $seconds } seconds.
error-rate-limited-seconds = Too many requests in a short time from your connection or for this email address. Try again in { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}.
error-rate-limited-minutes = Too many requests in a short time from your connection or for this email address. Try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
error-too-many-streams = { $limit } live dashboards are open already for this account. Close one, then reload the page.
team-pledges-title = Pledges
team-all = All
team-state = State
team-active = active
team-unconfirmed = unconfirmed
team-search = Search
team-search-hint = name, email or reference
team-filter = Filter
team-export = Export as CSV
team-export-semicolon = CSV with semicolons (Swiss and German spreadsheets)
team-pledges-found = { $count ->
    [one] { $count } pledge
   *[other] { $count } pledges
}
team-previous = Previous
team-next = Next
team-page = page { $page } of { $pages }
team-check-warning = The last check ({ $date }) found { $count } counter(s) that differ from the pledges. Run "bobine check" for the details.
team-chart-title = Money raised over time
team-goal = Goal
team-projection = Projection at the recent pace
team-chart-alt = Money raised over time: { $raised } of a { $goal } goal.
team-chart-alt-projection = At the recent pace, { $projected } by the deadline.
team-sources-title = Where backers came from
team-sources-text = Counted without cookies or trackers: the ?ref= tag of the shared link and the site that led to it.
team-sources-tags = By link (?ref=)
team-sources-sites = By referring site
team-sources-share = Share
team-source-no-tag = no ?ref=
team-source-direct = direct or unknown
team-source-others = others
mail-pledge-placed-subject = Your pledge of { $amount } to “{ $campaign }”
mail-session-moved-subject = New date: { $reward }
mail-session-moved-body =
    Hello { $name },

    The team moved the session you booked ({ $reward }, pledge { $reference }). It now takes place:

    Date: { $when }
    Place: { $place }

    To update your calendar: { $calendar }

    If this date does not suit you, choose another one on your page:
    { $link }

    { $campaign }
mail-session-cancelled-subject = Session cancelled: { $reward }
mail-session-cancelled-body =
    Hello { $name },

    The team had to cancel the session you booked ({ $reward }, pledge { $reference }):

    Date: { $when }
    Place: { $place }

    Your pledge still holds: choose another date on your page:
    { $link }

    { $campaign }
mail-session-reminder-subject = Reminder: { $reward }
mail-session-reminder-body =
    Hello { $name },

    We look forward to seeing you soon for { $reward } (pledge { $reference }):

    Date: { $when }
    Place: { $place }

    To add it to your calendar: { $calendar }
    Your page: { $link }

    See you very soon!
    { $campaign }
mail-fulfilment-tracking =
    Tracking number: { $tracking }
    To follow the parcel: { $url }
mail-details-request-subject = What we need for your reward: { $reward }
mail-details-request-body =
    Hello { $name },

    “{ $campaign }” reached its goal: thank you! To prepare your reward ({ $reward }, pledge { $reference }), we still need:

    { $needed }

    Give it on your page, in a minute:
    { $link }

    { $campaign }
mail-details-reminder-subject = Reminder: what we need for { $reward }
mail-details-reminder-body =
    Hello { $name },

    To prepare your reward ({ $reward }, pledge { $reference }), we still need:

    { $needed }

    Without it, your reward cannot leave. Give it on your page:
    { $link }

    { $campaign }
mail-details-address = your delivery address (the postage follows its country)
mail-details-answers = your answers to a few questions about your reward
mail-fulfilment-ready-subject = Your reward is waiting for you: { $reward }
mail-fulfilment-ready-body =
    Hello { $name },

    Your reward ({ $reward }, pledge { $reference }) is ready: you can come and pick it up.
    { $note }
    Your page: { $link }

    { $campaign }
mail-fulfilment-shipped-subject = Your reward is on its way: { $reward }
mail-fulfilment-shipped-body =
    Hello { $name },

    Your reward ({ $reward }, pledge { $reference }) has been sent.
    { $tracking }{ $note }
    Your page: { $link }

    { $campaign }
mail-fulfilment-delivered-subject = Your reward is delivered: { $reward }
mail-fulfilment-delivered-body =
    Hello { $name },

    Your reward ({ $reward }, pledge { $reference }) has been handed over. Thank you again for your support!
    { $note }
    Your page: { $link }

    { $campaign }
mail-fulfilment-problem-subject = A problem with your reward: { $reward }
mail-fulfilment-problem-body =
    Hello { $name },

    We have a problem with your reward ({ $reward }, pledge { $reference }):
    { $note }
    Reply to this email if you have a question. Your page: { $link }

    { $campaign }
mail-session =
    Date: { $when }
    Place: { $place }
    To add it to your calendar: { $calendar }
invitation-description = { $campaign }, pledge { $reference }. Your own page is in the confirmation email.
mail-pledge-placed-body =
    Hello { $name },

    Thank you! Your pledge is recorded.

    Reference: { $reference }
    Reward: { $reward }
    Amount: { $amount }{ $postage }{ $session }

    Until { $deadline }, you can see, change or cancel it here:
    { $link }

    This link is yours alone: please do not share it.

    { $campaign }
mail-pledge-changed-subject = Your pledge to “{ $campaign }” was changed
mail-pledge-changed-body =
    Hello { $name },

    Your pledge { $reference } was changed. Here it is now:

    Reward: { $reward }
    Amount: { $amount }{ $postage }{ $session }

    Until { $deadline }, you can still change or cancel it here:
    { $link }

    { $campaign }
mail-pledge-cancelled-subject = Your pledge to “{ $campaign }” was cancelled
mail-pledge-cancelled-body =
    Hello { $name },

    Your pledge { $reference } ({ $reward }, { $amount }) was cancelled: nothing will be asked of you for it.

    If this was a mistake, you can pledge again on the site until { $deadline }.

    { $campaign }
team-outbox-title = Emails
team-outbox-no-smtp = No SMTP server is configured: emails wait here. Pass them on by hand and mark them as handled, or set BOBINE_SMTP_URL and BOBINE_MAIL_FROM so that they leave by themselves.
team-outbox-waiting = waiting
team-outbox-sent = sent
team-outbox-failed = failed
team-outbox-handled = handled by hand
team-outbox-to = To
team-outbox-attempts = Attempts
team-outbox-sent-at = sent on { $date }
team-outbox-handled-at = handled by hand on { $date }
team-outbox-error = Last error
team-outbox-send-again = Send again
team-outbox-mark-handled = Mark as handled by hand
team-outbox-empty = No email.
team-outbox-found = { $count ->
    [0] No email
    [one] { $count } email
   *[other] { $count } emails
}
help-title = Help without money
help-intro = Time, a skill, a machine, a space, an introduction: Geneva's sustainable fashion also moves forward on what is not counted in francs. Tell us what you offer and the team will get back to you.
help-kind = What you offer
help-description = Describe your offer
help-description-hint = What, where, how much, for whom: { $max } characters at most.
help-availability = When you are available (optional)
help-availability-hint = For example: Saturday mornings, evenings, from January.
help-phone = Phone (optional)
help-contact-hint = Your email and phone are only for the team to get back to you; they are never published.
help-submit = Send my offer
help-thanks-title = Thank you for your offer!
help-thanks-text = The team has received it and will get back to you soon. An email confirms it.
help-count = { $count ->
    [one] { $count } person offered to help
   *[other] { $count } people offered to help
}
help-cta = Offer your help
offer-kind-time = Time
offer-kind-time-hint = Lend a hand at a workshop, a tour, an event.
offer-kind-skills = A skill
offer-kind-skills-hint = Sewing, photography, design, translation, accounting…
offer-kind-machines = Machines
offer-kind-machines-hint = Lend a sewing machine, an overlocker, a press…
offer-kind-space = A space
offer-kind-space-hint = A workshop, a shop window, a room for an event.
offer-kind-introduction = An introduction
offer-kind-introduction-hint = Introduce a sustainable-fashion designer.
offer-kind-partner-technology = A technology partnership
offer-kind-partner-technology-hint = Tools, software, hosting, technical know-how.
offer-kind-partner-media = A media partnership
offer-kind-partner-media-hint = An article, a programme, a newsletter, a network.
offer-kind-partner-finance = A financial partnership
offer-kind-partner-finance-hint = A foundation, a company, sponsorship.
offer-kind-interview = An interview
offer-kind-interview-hint = Tell how you changed the way you buy.
error-offer-kind = Choose what you offer.
error-phone = This phone number is not valid: digits, spaces and + ( ) - . / only.
error-text-empty = This field is required.
error-text-too-long = This text is too long: { $max } characters at most.
error-text-control = This text contains invisible characters; please remove them.
mail-offer-received-subject = Thank you for helping “{ $campaign }”
mail-offer-received-body =
    Hello { $name },

    Thank you for your offer ({ $kind }). The team has received it and will get back to you soon.

    { $campaign }
team-offers-title = Offers of help
team-offers-none = No offer of help yet.
team-offers-found = { $count ->
    [0] No offer
    [one] { $count } offer
   *[other] { $count } offers
}
team-note = Team note
team-save = Save
offer-state-new = new
offer-state-contacted = contacted
offer-state-accepted = accepted
offer-state-declined = declined
error-offer-state = Choose a state: new, contacted, accepted or declined.
help-error-title = Your offer was not sent
designers-title = The designers
designers-intro = Geneva's sustainable-fashion designers behind this campaign.
designers-none = No profile published yet.
designers-all = All practices
designers-register-cta = Do you design in Geneva? Introduce yourself
designers-rewards = Their rewards
designers-with = With
designers-website = Website
designers-links = Links
designer-register-title = Introduce your studio
designer-register-intro = Your profile appears on the site once the team has reviewed it. You will receive a private link by email to edit it whenever you like.
designer-edit-title = Your profile
designer-name = Your name
designer-brand = Brand or studio
designer-email-hint = Never published: it is for your private link and news from the team.
designer-bio = About you
designer-bio-hint = What you make, how, with what: { $max } characters at most.
designer-photo = Photo
designer-photo-hint = JPEG, PNG or WebP, 10 MB at most. We reduce it and remove its metadata (location, camera, date).
designer-photo-keep = Leave empty to keep the current photo.
designer-photo-again = Please choose your photo again: for your safety, the browser does not send it twice.
designer-website = Website (optional)
designer-links = Social media (optional)
designer-links-hint = One link per line, 5 at most, starting with https://.
designer-practices = Materials and practices
designer-practices-other = Other practices (optional)
designer-area = Area of Geneva
designer-consent = I agree that this profile (without my email) is published on this site once approved.
designer-submit = Send my profile
designer-save = Save changes
designer-registered-title = Thank you, your profile is sent!
designer-registered-text = The team reviews it before publishing it. You received a private link by email to edit it.
designer-saved = Your changes are saved.
designer-state-pending = Waiting for the team's review: not yet visible on the site.
designer-state-approved = Published on the site.
designer-state-rejected = Not published. The team's reason: { $reason }. Edit your profile to submit it again.
designer-state-unpublished = Taken off the site by the team.
designer-no-photo = No photo
practice-upcycling = Upcycling
practice-organic-recycled-fibres = Organic or recycled fibres
practice-local-production = Local production
practice-made-to-order = Made to order
practice-repair = Repair
practice-rental = Rental
practice-second-hand = Second hand
area-vieille-ville = Old Town
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
area-elsewhere = Elsewhere in the canton
error-link-scheme = “{ $link }” is not a web link: only http and https links are accepted.
error-link-invalid = “{ $link }” is not a valid web address.
error-links-too-many = { $max } links at most, one per line.
error-practice = This practice is not in the list.
error-area = Choose your area of Geneva.
error-consent = Tick the box to agree to your profile being published.
error-photo-too-large = This photo is too heavy: 10 MB at most.
error-photo-not-image = This file is not a JPEG, PNG or WebP image.
error-photo-unreadable = This image is damaged or cannot be read.
error-photo-pixels = This image is too large in pixels.
error-form-too-large = The upload is too heavy: the photo must be 10 MB at most.
error-unpublish-unapproved = Only a published profile can be taken off the site.
mail-designer-registered-subject = Your profile “{ $brand }” was received
mail-designer-registered-body =
    Hello { $name },

    Thank you for introducing { $brand }! The team reviews your profile before publishing it; you will get an email as soon as it is online.

    Your private link to edit it at any time:
    { $edit_link }

    This link is yours alone: please do not share it.

    { $campaign }
mail-designer-approved-subject = Your profile “{ $brand }” is online
mail-designer-approved-body =
    Hello { $name },

    Your profile is published:
    { $public_link }

    To edit it:
    { $edit_link }

    { $campaign }
mail-designer-rejected-subject = Your profile “{ $brand }” was not published
mail-designer-rejected-body =
    Hello { $name },

    The team did not publish your profile, for this reason:

    { $reason }

    You can edit it and submit it again here:
    { $edit_link }

    { $campaign }
mail-designer-unpublished-subject = Your profile “{ $brand }” was taken off the site
mail-designer-unpublished-body =
    Hello { $name },

    The team took your profile off the site. To know more, reply to us; your private link still works:
    { $edit_link }

    { $campaign }
form-error-title-profile = Your profile was not saved
team-designers-title = Designers
team-designers-none = No profile.
team-designers-found = { $count ->
    [0] No profile
    [one] { $count } profile
   *[other] { $count } profiles
}
team-designer-pending = to review
team-designer-approved = published
team-designer-rejected = rejected
team-designer-unpublished = taken off
team-designer-approve = Publish
team-designer-reject = Reject
team-designer-unpublish = Take off the site
team-designer-reason = Reason (sent to the designer):
error-designer-decision = Choose to publish, reject or take off this profile.
team-designer-slug = Address: /designers/
team-designer-rename = Change the address
error-slug-invalid = An address is made of lower-case letters without accents, digits and single dashes between them, such as atelier-rose (not register, registered nor edit).
error-slug-taken = The address { $slug } is already another profile's: give that profile another address first.
team-work-designers = profile(s) to review
team-work-offers = new offer(s) of help
team-work-emails-sending = email(s) being sent
team-work-emails-by-hand = email(s) to pass on (no SMTP)
team-work-emails-failed = failed email(s)
team-all-m = All

## Confirming a pledge by email
pledge-confirm-needed = Almost done: we sent you an email. Open the link in it to confirm your pledge; until then it does not count.
pledge-state-unconfirmed = Not confirmed yet: open the link in the email we sent to { $email }. Until you confirm, your pledge does not count.
pledge-state-unconfirmed-held = Your reward is held for you until { $until }.
pledge-state-unconfirmed-released = Your reward is no longer held: when you confirm, it is yours if any remain.
pledge-state-unconfirmed-typo = Not your address, or no email? Cancel this pledge below and pledge again with the right address.
pledge-confirmed = Thank you: your pledge is confirmed and counts.
pledge-confirm-title = Confirm my pledge
pledge-confirm-sold-out = Your reward sold out while your pledge waited for confirmation. Choose another reward, or back without a reward, to confirm it.
pledge-confirm-submit = Confirm my pledge
pledge-confirm-closed = The campaign is over: a pledge can no longer be confirmed.
error-pledge-unconfirmed = Confirm your pledge first, through the link in the email we sent you.
api-pledge-unconfirmed = We sent an email to { $email }: the pledge counts once its backer opens the confirmation link in it.
api-pledge-active = The pledge is recorded and counts.
mail-pledge-confirm-subject = Confirm your pledge to “{ $campaign }”
mail-pledge-confirm-body =
    Hello { $name },

    To confirm your pledge of { $amount } ({ $reward }), open this link:
    { $confirm_link }

    Until you confirm it, your pledge does not count, and your reward is held for you for { $hold_minutes } minutes.

    Reference: { $reference }

    If you did not pledge, ignore this email: the pledge will be deleted within a week.
team-warning-confirm-at-once = No SMTP server is configured, so no email can leave: pledges count at once, without the backer confirming their address. Anyone can pledge in someone else's name. Set BOBINE_SMTP_URL and BOBINE_MAIL_FROM to have pledges confirmed by email.
team-work-unconfirmed = pledges waiting for confirmation
team-address = Address
team-from = Placed from
team-until = Placed before
team-select = Select
team-delivery-title = Delivery
team-delivery-reward-title = A reward's delivery
team-attendance-title = Attendance list
team-delivery-hint = A reward is owed once its pledge is paid. Each step announced (ready, shipped, delivered, problem) goes to the backer by email; a check-in at the door does not.
team-delivery-owed = Owed
team-delivery-sessions = Sessions and attendance lists
team-delivery-seats = { $claimed } of { $seats } seat(s) taken
team-delivery-cancelled = cancelled
team-delivery-import-title = Tracking numbers from the post office
team-delivery-import-hint = A CSV file with one line per parcel: the pledge's reference, then the tracking number (separated by a semicolon, a comma or a tab). Each pledge becomes "Shipped" with its number, and the backer gets the tracking link. One wrong line and nothing is changed: the message says which.
team-delivery-file = CSV file
team-delivery-import = Import the numbers
team-delivery-imported = { $count ->
    [0] No reward changed: each was already shipped under this number, or further on its way.
    [one] { $count } reward marked shipped; its backer is told.
   *[other] { $count } rewards marked shipped; each backer is told.
}
team-delivery-prepared = Prepared (ready or shipped)
team-delivery-addresses = Addresses of the parcels to send (CSV for the post office)
labelled = { $label }: { $value }
team-delivery-no-answers = Answers missing
team-delivery-answers = Answers to the questions (CSV)
team-delivery-missing-only = Without an address only
team-delivery-missing = { $count ->
    [one] { $count } backer has not given their address yet
   *[other] { $count } backers have not given their address yet
}
team-delivery-no-address = No address yet
team-delivery-step = Step
team-delivery-options = Choices and session
team-delivery-paid = paid
team-delivery-unpaid = not paid yet
team-delivery-truncated = The list stops at the first 2000 backers, by name.
team-delivery-move-title = Move the ticked pledges on
team-delivery-move-hint = Each backer gets an email with the step, the tracking number and the note.
team-delivery-tracking = Tracking number or link (optional)
team-delivery-note = Note for the backer
team-delivery-note-hint = For a pick-up: the place and opening hours. For a problem: what is going on (required).
team-delivery-move-submit = Apply the step
team-delivery-moved = { $count ->
    [0] No pledge changed step.
    [one] { $count } pledge moved on.
   *[other] { $count } pledges moved on.
}
team-check-in = Arrived
team-check-in-name = { $name } arrived
team-checked-in = Attendance noted.
team-present = { $present } of { $count } present
team-select-pledge = Select pledge { $reference }
team-bulk-title = Cancel pledges
team-bulk-hint = For fake pledges: tick the ones to cancel, or every pledge matching the filter (such as one address, or one minute). Nobody is emailed unless you ask; an address that never confirmed is never emailed.
team-bulk-all = All { $count } matching the filter, not only those ticked
team-bulk-tell = Tell the backers by email
team-bulk-submit = Cancel these pledges
team-bulk-none = No pledge to cancel: tick some, or choose all those matching the filter.
team-bulk-cancelled = { $count ->
    [one] One pledge cancelled.
   *[other] { $count } pledges cancelled.
}
team-bulk-refused = { $count ->
    [one] One could not be (the campaign is closed).
   *[other] { $count } could not be (the campaign is closed).
}
mail-payment-refund-note = You paid more than you owe: we will refund { $refund }.
mail-payment-bill-subject = Your bill of { $total } for “{ $campaign }”, due by { $due_date }
mail-payment-bill-body =
    Hello { $name },

    Thank you for backing “{ $campaign }”! Here is the bill for your pledge { $reference }.

    Amount: { $outstanding }{ $postage }
    Due by: { $due_date }

    Your QR-bill, to scan with your bank's app or to print:
    { $bill_link }

    To pay without scanning:
    Account: { $iban }
    Payable to: { $creditor }
    Reference: { $qr_reference }

    Your pledge: { $link }

    { $campaign }
mail-payment-reminder-subject = Reminder: { $outstanding } to pay for “{ $campaign }”
mail-payment-reminder-body =
    Hello { $name },

    We have not yet received the payment for your pledge { $reference }: { $outstanding } remains to be paid, by { $due_date }.

    Your QR-bill: { $bill_link }

    Account: { $iban }
    Payable to: { $creditor }
    Reference: { $qr_reference }

    If you have just paid, please ignore this message: a transfer takes a business day or two to reach us.

    { $campaign }
mail-payment-dropped-subject = Your pledge for “{ $campaign }” was dropped, unpaid
mail-payment-dropped-body =
    Hello { $name },

    We did not receive the payment for your pledge { $reference } ({ $amount }), due on { $due_date }: it is dropped and you will get no more reminders.

    If you have paid in the meantime, or still wish to, just reply: a late payment is always accepted, with the same reference ({ $qr_reference }).

    { $campaign }
mail-payment-dropped-card-subject = Your pledge for “{ $campaign }” was dropped, unpaid
mail-payment-dropped-card-body =
    Hello { $name },

    The { $method } payment for your pledge { $reference } ({ $amount }) did not go through, even at the last attempt: the pledge is dropped and you will get no more reminders.

    If you still wish to pay, a late payment is always accepted: your page has a QR-bill for a bank transfer.
    { $link }

    { $campaign }
mail-payment-void-subject = “{ $campaign }” did not reach its goal: you owe nothing
mail-payment-void-body =
    Hello { $name },

    The campaign “{ $campaign }” did not reach its goal. Your pledge { $reference } ({ $amount }) will not be collected: you owe nothing.

    { $refund_note }

    Thank you for your support.

    { $campaign }
mail-payment-paid-subject = Receipt: your payment for “{ $campaign }”
mail-payment-paid-body =
    Hello { $name },

    We received { $paid } for your pledge { $reference }: it is paid. Thank you!

    { $refund_note }

    Your pledge: { $link }

    { $campaign }
mail-payment-void-refund = You have already paid { $refund }: we will refund it.
payment-heading = Payment: { $state }
payment-state-promised = promised
payment-state-due = due
payment-state-partly_paid = partly paid
payment-state-paid = paid
payment-state-dropped = dropped, unpaid
payment-state-void = nothing to pay
payment-state-refund_due = refund due
payment-state-refunded = refunded
payment-text-on-success = If the goal is reached on { $deadline }, you will receive a QR-bill for { $amount }, due { $days } days later.
payment-text-at-pledge = As soon as you confirm your pledge, you will receive a QR-bill for { $amount }, due { $days } days later.
payment-text-billing = Your QR-bill for { $amount } is on its way: you will receive it by email and find it here.
payment-text-due = Please pay { $outstanding } by { $due_date }, with your QR-bill.
payment-text-partly-paid = We received { $held }: { $outstanding } remains to be paid by { $due_date }.
payment-text-paid = Paid on { $paid_date }. Thank you!
payment-text-overpaid = You paid { $refund } too much: the team is refunding it.
payment-text-dropped = The bill was not paid: the pledge was dropped on { $dropped_date }. A late payment is still welcome, with your QR-bill.
payment-text-dropped-card = The { $method } payment did not go through: the pledge was dropped on { $dropped_date }. A late payment is still welcome, with your QR-bill.
payment-text-failed = Nothing to pay: the campaign did not reach its goal.
payment-text-cancelled = Nothing to pay: this pledge was cancelled.
payment-text-refund-due = You owe nothing, and we received { $held } from you: the team is refunding it.
payment-text-refunded = You owe nothing: { $refunded } was refunded to you.
payment-bill-link = See and print the QR-bill
payment-by-hand = To pay without scanning
payment-account = Account
payment-creditor = Payable to
payment-qr-reference = Reference
payment-amount = Amount
payment-due-date = Due by
bill-page-title = QR-bill
bill-page-intro = Scan the code with your bank's app, or print this page on A4 paper: the payment slip is at its real size, at the bottom of the page.
bill-image-alt = QR-bill for { $amount } payable to { $creditor }, reference { $reference }
bill-back = Back to my pledge
error-refund-too-large = A refund cannot be more than what was received for this pledge.

## Payments, the team's side
team-payments-title = Payments
team-payments-off = Payments are off: add a [payments] section to campaign.toml to send QR-bills and follow the money received.
team-warning-example-account = The QR-bills name an example account of the standard, which no bank credits: no payment will ever arrive. Replace the IBAN of [payments.creditor] in campaign.toml with your own account's, then restart.
team-payments-collected = received
team-payments-outstanding = still owed
team-payments-refund-due = to refund
team-payments-refunded = refunded
team-payments-dropped = { $count ->
    [0] dropped unpaid (no pledge)
    [one] dropped unpaid ({ $count } pledge)
   *[other] dropped unpaid ({ $count } pledges)
}
team-payments-import-title = The bank's file
team-payments-import-hint = Download the credit notification (camt.054) or the account statement (camt.053) from your e-banking, as XML. Each payment finds its pledge by its QR reference; a payment recorded before never counts twice.
team-payments-file = camt.054 or camt.053 file
team-payments-import = Import
team-payments-imported = { $kind } imported: { $movements } movement(s), { $matched } matched to their pledge, { $unmatched } to match by hand, { $known } known already. { $paid } pledge(s) now paid.
team-payments-imported-again = This file was imported before ({ $kind }): { $movements } movement(s), { $known } known already, { $matched } newly matched, { $unmatched } to match by hand.
team-payments-refused = File refused, nothing changed: { $reason }
team-payments-no-file = Choose the bank's file to import.
team-payments-file-too-large = The file is too large or did not arrive whole: nothing changed.
team-payments-file-unreadable = The file could not be read: nothing changed.
team-payments-unmatched-title = Payments to match
team-payments-unmatched-hint = These payments came without a reference that names a pledge. Give the pledge's reference (such as BX7K-3M9Q) or its backer's email, or set them aside if they are not the campaign's.
team-payments-unmatched-found = { $count ->
    [one] One payment to match.
   *[other] { $count } payments to match (the { $listed } oldest are shown).
}
team-payments-unmatched-none = No payment to match.
team-payments-payer = Payer
team-payments-iban = IBAN
team-payments-message = Message
team-payments-decide = Match
team-payments-reversal = reversal
team-payments-pledge = Pledge (reference or email)
team-payments-pledge-hint = BX7K-3M9Q or anne@example.ch
team-payments-match = Match
team-payments-not-ours = Not ours
team-payments-matched = Payment matched to pledge { $reference }: { $state }.
team-payments-set-aside = Payment set aside: it is not the campaign's.
team-payments-already-decided = This payment was dealt with already: nothing changed.
team-payments-receipt = A receipt goes out by email.
team-payments-pledge-empty = Give the pledge's reference or its backer's email.
team-payments-no-pledge = No pledge has this reference or this email.
team-payments-several-pledges = This email made several pledges: give the reference of the one paid.
team-payments-other-currency = This payment is in { $currency }, not the campaign's currency: settle it with the bank, then record by hand what arrived.
team-payments-refunds-title = Refunds to make
team-payments-refunds-hint = These pledges received more than they owe (an overpayment, or a pledge that no longer owes anything). Make the transfer from your e-banking, then record it here.
team-payments-refunds-found = { $count ->
    [one] One refund to make.
   *[other] { $count } refunds to make (the { $listed } oldest are shown).
}
team-payments-refunds-none = No refund to make.
team-payments-due-back = Due back
team-payments-no-iban = unknown (no transfer received)
team-payments-refund-made = Refund made
team-payments-note = Note
team-payments-refund-recorded = Refund of { $amount } recorded for pledge { $reference }: { $state }.
team-payments-refund-above-due = A refund cannot be more than what is due back ({ $due }).
team-payments-by-hand-title = Payment received by hand
team-payments-by-hand-hint = Money received outside the bank's file: cash at a workshop, or a transfer that came without its reference.
team-payments-record = Record the payment
team-payments-payment-recorded = Payment of { $amount } recorded for pledge { $reference }: { $state }.
team-work-collected = received
team-work-outstanding = still owed
team-work-refund-due = to refund
team-work-dropped = dropped unpaid
team-dashboard-payments-off = Payments are off: without a [payments] section in campaign.toml, no bill is sent and money received is not followed here.
team-payment-state = Payment
team-payments-reversal-too-large = This reversal takes back more than the pledge received: match it to the pledge whose payment was taken back.
field-method = How will you pay?
pay-by-bank = Bank transfer (QR-bill)
pay-by-card = Card
pay-by-twint = TWINT
pay-by-bank-on-success = If the goal is reached, you receive a QR-bill to pay within a few days.
pay-by-card-on-success = Your card is saved now and charged only if the goal is reached.
pay-by-twint-on-success = TWINT is saved now and charged only if the goal is reached (up to CHF 5,000).
pay-by-bank-at-pledge = You receive a QR-bill to pay within a few days.
pay-by-card-at-pledge = You pay by card now, on Stripe's secure page.
pay-by-twint-at-pledge = You pay with TWINT now (up to CHF 5,000), on Stripe's secure page.
error-method-unknown = Choose one of the ways to pay offered.
error-twint-limit = TWINT takes at most CHF 5,000 per payment: choose a card or a bank transfer.
error-checkout-nothing = There is nothing to pay or save for this pledge now.
error-checkout-unavailable = The card payment service could not be reached just now: your pledge is kept, try again from your pledge's page in a moment, or pay by bank transfer.
payment-state-errored = payment failed
payment-text-errored = The payment of { $outstanding } did not go through. Please pay again below, by card or TWINT, or switch to a QR-bill.
payment-text-authenticate = Your bank wants you to confirm the payment of { $outstanding }. Please pay below: your bank will ask you to confirm.
payment-text-method-saved = Your { $method } is saved: if the goal is reached on { $deadline }, { $amount } will be charged to it then. Nothing is charged before.
payment-text-method-removed = Your { $method } is no longer available. Please save another, or switch to a QR-bill, so your pledge of { $amount } can be collected.
payment-text-method-pay = Your pledge of { $amount } is not paid yet: pay it below, or switch to a QR-bill.
payment-text-method-pending = Your { $method } is not saved yet: save it below so your pledge of { $amount } can be collected if the goal is reached, or switch to a QR-bill.
payment-text-method-charging = { $amount } is being charged to your { $method }. You will get a receipt by email; if it fails, a link to pay another way.
payment-save-method = Save my { $method }
payment-pay-now = Pay { $outstanding } by { $method }
payment-switch-hint = Prefer a bank transfer? You will receive a QR-bill instead.
payment-switch-submit = Pay by QR-bill instead
payment-switched-to-bank = Done: you will pay by bank transfer, with a QR-bill.
checkout-back-paid = Thank you: your payment was received.
checkout-back-saved = Thank you: your { $method } is saved.
checkout-back-waiting = Thank you: we are waiting for the payment service to confirm. Reload this page in a moment.
checkout-back-left = Your pledge is kept. You can finish below, or pay by bank transfer with a QR-bill.
mail-payment-errored-subject = Your payment for “{ $campaign }” did not go through
mail-payment-errored-body =
    Hello { $name },

    The payment of { $outstanding } for your pledge { $reference } to “{ $campaign }” did not go through.

    Please pay again, by card or TWINT, or choose a QR-bill, here:
    { $pay_link }

    We will remind you every two days; without payment within a week, the saved method is charged once more, then the pledge is dropped.

    { $campaign }
mail-payment-authenticate-subject = Please confirm your payment for “{ $campaign }”
mail-payment-authenticate-body =
    Hello { $name },

    Your bank wants you to confirm the payment of { $outstanding } for your pledge { $reference } to “{ $campaign }”.

    Please confirm it here (or choose a QR-bill):
    { $pay_link }

    { $campaign }
mail-payment-errored-reminder-subject = Reminder: your payment for “{ $campaign }” is still missing
mail-payment-errored-reminder-body =
    Hello { $name },

    The payment of { $outstanding } for your pledge { $reference } has not gone through yet.

    Please pay here, by card, TWINT or QR-bill:
    { $pay_link }

    Without payment, the pledge is dropped at the end of the grace period.

    { $campaign }
mail-payment-method-lost-subject = Your way to pay for “{ $campaign }” is no longer available
mail-payment-method-lost-body =
    Hello { $name },

    The { $method } saved for your pledge { $reference } ({ $amount }) was removed, so it cannot be charged.

    Please save another way to pay, or choose a QR-bill, here:
    { $link }

    { $campaign }
mail-payment-refunded-subject = Refund for your pledge to “{ $campaign }”
mail-payment-refunded-body =
    Hello { $name },

    We refunded { $refunded } for your pledge { $reference }, to the card or TWINT account you paid with. It reaches your account within a few business days.

    Your pledge: { $link }

    { $campaign }
method-name-bank = bank transfer
method-name-card = card
method-name-twint = TWINT
team-cards-title = Cards and TWINT
team-cards-trouble = Stripe could not be reached, or refused the secret key, on the latest call. Check BOBINE_STRIPE_SECRET_KEY and Stripe's status; charges wait and are tried again.
team-cards-method = Way to pay
team-cards-pledges = Pledges
team-cards-pledged = Pledged
team-cards-errored-title = Failed charges
team-cards-errored-hint = The backer got a link to pay again, and a reminder every 48 hours; after the grace period the saved method is charged once more, then the pledge is dropped. You may charge it again now, for instance after the backer says the card works again.
team-cards-errored-found = { $count ->
    [one] One failed charge.
   *[other] { $count } failed charges (the { $listed } oldest are shown).
}
team-cards-errored-none = No failed charge.
team-cards-reason = Reason
team-cards-since = Since
team-cards-reminders = Reminders sent
team-cards-retry = Charge again now
team-cards-no-retry = Nothing saved to charge
team-cards-retried = Pledge { $reference } is charged again in a moment.
error-retry-not-possible = This pledge cannot be charged again now: it is paid, has no saved card or TWINT, or its charge is already under way.
charge-error-card_declined = card declined
charge-error-authentication_required = the bank asks the backer to confirm
charge-error-no_method = no card or TWINT saved at the close
charge-error-expired_card = card expired
charge-error-insufficient_funds = insufficient funds
charge-error-unknown = Stripe never answered, and has no such charge
dispute-reason-fraudulent = the cardholder says they did not make it
dispute-reason-duplicate = charged twice, says the cardholder
dispute-reason-unrecognized = the cardholder does not recognise it
dispute-reason-product_not_received = reward not received, says the cardholder
dispute-reason-credit_not_processed = a refund was expected, says the cardholder
dispute-reason-general = no reason given
team-disputes-title = Disputes
team-disputes-hint = A backer's bank disputes these card payments. Answer each in Stripe's dashboard (Payments → Disputes) before the deadline it shows. The money leaves the figures only when the bank takes it back, and comes back if the dispute is won.
team-disputes-found = { $count ->
    [one] One dispute.
   *[other] { $count } disputes (the { $listed } newest are shown).
}
team-disputes-none = No dispute.
team-disputes-opened = Opened
team-disputes-money = Money
team-disputes-untouched = not taken yet
team-disputes-withdrawn = taken back by the bank
team-disputes-reinstated = returned: dispute won
error-charge-under-way = A charge of this pledge is under way: wait for its result (a few minutes at most) before paying another way.

## Sharing, badge, embed and posters
share-title = Share
share-link-label = Address of this page
share-copy = Copy the link
share-copied = Link copied.
share-copy-failed = Copying did not work: the address is selected, copy it by hand.
share-email = Email
share-sheet = Share…
badge-percent = { $percent }%
badge-title = { $name }: { $percent }% funded
embed-back = Back this campaign
embed-see = See the campaign
posters-title = Posters
posters-intro = A poster for a shop window or a notice board: its QR code leads to the campaign with a tag of your own, and the dashboard counts the pledges that came from the poster under that tag.
posters-tag = Tag
posters-tag-hint = Where the poster hangs, in a few words, such as boutique-carouge; kept in lower case, with hyphens.
posters-size = Paper size
posters-size-a4 = A4 (210 × 297 mm)
posters-size-a5 = A5 (148 × 210 mm)
posters-submit = Make the poster
posters-print-hint = Print this page from your browser (Ctrl+P or ⌘P): only the poster prints, at the chosen size.
posters-print = Print
posters-scan = Scan the code or go to
posters-as-of = Figures as of { $date }.
posters-qr-label = QR code of the address { $address }
posters-error-tag = Give a tag made of letters or digits, such as boutique-carouge.
posters-error-size = Choose the A4 or A5 size.
posters-error-long = This address is too long for a QR code: shorten the tag.
posters-local-address = The codes lead to { $address }, this machine's own address, which passers-by's phones cannot reach: set the site's public address in BOBINE_PUBLIC_URL before printing.

# The campaign page's pictures, video and sections
sections-label = On this page
designers-see-all = See all the designers
group-object = Objects
group-workshop = Workshops
group-guided-tour = Guided tours
group-coaching = Online coaching
group-meeting = Meetings
video-play = Play the video “{ $title }” ({ $site })
video-privacy = The video loads from { $site } when you play it, not before: that site receives nothing from you until you click.
pledge-confirm-error-title = Your pledge is not confirmed yet

## Finding one's pledges again
footer-find = Find my pledge
footer-questions = Ask a question
find-title = Find your pledges
find-intro = Lost the email with the link to your pledge? Type the address you pledged with: we send it the link of each of your pledges.
find-email-hint = The address you gave when pledging. We write to it only.
find-submit = Send me my links
find-error-title = Your links were not sent
find-sent-title = Check your email
find-sent-text = If pledges were made with this address, their links have just been sent to it. Nothing after a few minutes? Look in your spam folder, or try another address you use.
mail-pledge-links-subject = Your pledges for “{ $campaign }”
mail-pledge-links-body =
    Hello { $name },

    You asked for the links to your pledges for “{ $campaign }”. Here they are:

    { $pledges }

    Each link is personal: do not pass it on. If you did not ask for this, ignore this email; nobody else received it.

    { $campaign }
mail-pledge-links-line =
    { $reference } · { $amount } · { $reward }{ $state }
    { $link }
mail-pledge-links-unconfirmed = {" "}(to confirm)
mail-pledge-links-cancelled = {" "}(cancelled)

mail-question-answered-subject = Your question to “{ $campaign }”
mail-question-answered-body =
    Hello { $name },

    You asked us:

    { $question }

    Our answer:

    { $answer }

    For another question: { $link }

    { $campaign }

mail-news-subject = { $campaign }: { $title }
mail-news-body =
    Hello { $name },

    { $title }

    { $text }

    Read it online: { $link }

    { $campaign }

    --
    You receive the news of “{ $campaign }” because you back it. To stop receiving it, one click is enough: { $unsubscribe }
    Emails about your pledge and its payment will still reach you.


## Questions
faq-title = Frequently asked questions
questions-title = Questions
questions-intro = A question about the campaign, a reward or the workshops? Read the frequently asked questions, or ask yours: the team answers by email.
questions-ask = Ask a question
questions-message = Your question
questions-message-hint = At most { $max } characters.
questions-email-hint = The answer will reach you at this address. It is never published.
questions-may-publish = The team may publish my question and its answer in the frequently asked questions, without my name
questions-submit = Send the question
questions-error-title = The question was not sent
questions-thanks-title = Thank you for your question
questions-thanks-text = The team received it and will answer you by email, usually within a few days.
questions-more = All questions, or ask yours
error-question-private = The person did not agree to their question being published.
error-question-unanswered = Answer the question first.

team-questions-title = Questions
team-questions-none = No questions yet.
team-question-title = A question
team-question-new = To answer
team-question-answered = Answered
team-question-published = In the FAQ
team-question-open = Open
team-question-answer = Answer
team-question-answer-again = Answer again
team-question-answer-sent = Answer sent
team-question-answered-by = On { $when }, by { $by }
team-question-answer-field = Your answer, emailed to { $email }
team-question-send = Send the answer
team-question-sent = Answer saved and emailed.
team-question-error-title = Nothing was sent
team-question-consent = Publication
team-question-consent-yes = The person agrees that the question and its answer be published, without their name.
team-question-consent-no = The person did not agree to publication.
team-question-faq-hint = The person agrees to publication: word the question and the answer as everyone will read them (no name, no address).
team-question-in-faq = This question is in the FAQ, as written below.
team-question-faq-question = The question, for the FAQ
team-question-faq-answer = The answer, for the FAQ (Markdown)
team-question-faq-publish = Publish in the FAQ
team-question-faq-update = Update the FAQ
team-question-faq-remove = Take out of the FAQ
team-question-published-done = The question is in the FAQ.
team-question-unpublished-done = The question is no longer in the FAQ.
team-work-questions = questions to answer

## Personal data
data-title = Your data
data-intro = Everything the site keeps about you (pledges, payments, emails sent, questions):
data-download = download (JSON)
data-erase-title = Erase my data
data-erase-text = Your name, email address, shown name and IP address are erased everywhere; your pledges and their payments stay, anonymous, as accounting law requires. You will receive no more emails from the site, and this private link will no longer show anything about you.
data-erase-confirm = I understand that erasure cannot be undone
data-erase-submit = Erase my data
erased-title = Your data is erased
erased-text = The site no longer keeps your name or email address. Thank you for backing the campaign.
error-erase-confirm = Tick the box to confirm the erasure.
error-erase-open-pledge = A pledge still counts in the running campaign: cancel it first, or wait for the campaign to end.
error-erase-money-owed = A bill is still waiting for its payment: erasure will be possible once it is paid or dropped.
error-erase-refund-due = Money is still to be paid back to you: erasure will be possible once the refund is made.
team-people-title = People
team-people-intro = For a person who asks for their data or its erasure: find what the site keeps at their email address, send them the export, or erase it all.
team-people-find = Find
team-people-error-title = Nothing was found
team-people-pledges = { $count } pledge(s)
team-people-emails = { $count } email(s) sent
team-people-questions = { $count } question(s)
team-people-offers = { $count } offer(s) of help
team-people-designers = { $count } designer profile(s)
team-people-export = Download the export (JSON)
team-people-erase-text = This person's name, email address, phone, IP address, texts and photo are erased everywhere; pledges and payments stay, anonymous. It cannot be undone.
team-people-erase = Erase this person's data
team-people-erased = This person's data is erased.

## Unsubscribe
unsubscribe-title = News by email
unsubscribe-receives = { $address } receives the news of “{ $campaign }” by email.
unsubscribe-not-receiving = { $address } no longer receives the news of “{ $campaign }” by email.
unsubscribe-leave = Stop receiving the news
unsubscribe-again = Receive the news again
unsubscribe-left = Done: you will receive no more news by email.
unsubscribe-back = Done: you will receive the news by email again.
unsubscribe-money = Emails about your pledge and its payment (bill, reminder, receipt, result) reach you in any case.
pledge-news-on = You receive the campaign's news by email, at { $email }.
pledge-news-off = You do not receive the campaign's news by email. You can still read them here.
## News
news-title = News
news-intro = What the team tells of the campaign, the workshops and the designers.
news-feed = Subscribe to the Atom feed
news-none = No news yet: come back soon.
news-all = All news
news-more = All news
news-back-to-pledge = Back to my pledge
news-for-backers = For backers
news-backer-title = News for you
news-team-title = News
news-team-edit-title = An update
news-team-intro = Write an update, read it over, then publish it now or at a time you choose.
news-team-none = No updates yet.
news-write = Write an update
news-edit = Edit
news-preview = Preview
news-saved = Update saved.
news-read = Read
news-optional = optional
news-field-title = Title
news-field-body = Text
news-body-hint = In Markdown: **bold**, *italic*, [link](https://…), lists with "-", headings with "##". Pictures: only this site's (/media/…).
news-field-audience = For whom?
news-field-rewards = Rewards concerned (for "backers of some rewards")
news-save = Save the draft
news-error-title = The update was not saved
news-publish-when = Publish
news-publish-now = Now
news-publish-later = At a chosen time
news-publish-at = Date and time ({ $zone })
news-publish = Publish
news-publish-email = Also email it to the backers it concerns who want news
team-news-mail-title = News sent by email
news-mailing-off = Not sent by email
news-mailing-pending = Emailed as soon as it is out
news-mailing-sending = Being emailed · prepared: { $stored } · sent: { $sent } · waiting: { $waiting }
news-mailing-done = By email · sent: { $sent } · waiting: { $waiting } · failed: { $failed }
news-audience-public = Everyone
news-audience-backers = Backers
news-audience-rewards = Backers of some rewards
news-standing-draft = Draft
news-standing-scheduled = Scheduled for { $when }
news-standing-out = Published on { $when }
error-news-title-missing = Give a title in this language too, or leave it empty.
error-news-body-missing = Give a text in this language too, or leave it empty.
error-news-audience = Choose whom this update is for.
error-news-reward-unknown = One of the chosen rewards does not exist.
error-news-rewards-none = Choose at least one reward.
error-news-already-out = This update is already published.
error-news-time = Give a date and a time, such as 2027-03-01 09:00.
