## Site
site-tagline = Financement participatif
nav-designers = Les créatrices et créateurs
nav-campaign = La campagne
skip-to-content = Aller au contenu
nav-site = Navigation du site
nav-team = Navigation de l'équipe
designers-filter = Filtrer par pratique
footer-text = Propulsé par bobine, une plateforme de financement participatif auto-hébergée.

## Legal notice and privacy
nav-footer = Pied de page
footer-contact = Contact
legal-title = Mentions légales
legal-run-by = Cette campagne est menée par :
legal-no-organiser = L'équipe de la campagne n'a pas encore indiqué son nom et son adresse.
legal-software = Le site fonctionne avec bobine, un logiciel libre de financement participatif installé sur le serveur de l'équipe : aucune plateforme tierce ne reçoit vos données ni une commission.
privacy-title = Protection des données
privacy-description = Ce que ce site enregistre, pourquoi, et combien de temps.
privacy-contact = Pour consulter, corriger ou effacer vos données, écrivez à :
privacy-intro = Ce site est hébergé par l'équipe de la campagne elle-même. Il n'enregistre que ce qu'il faut pour tenir vos promesses de don et vous livrer vos contreparties, et rien ne quitte son serveur sauf ce qui est dit ci-dessous.
privacy-stored = Quand vous promettez un don : votre nom, votre adresse e-mail, le montant, la contrepartie choisie, le nom à afficher (ou l'anonymat), et d'où vous venez (l'étiquette d'un lien partagé et le site qui y menait, jamais votre parcours). Quand vous payez : la référence de la facture QR et les paiements reçus ; pour une carte ou TWINT, les identifiants que Stripe donne, jamais le numéro de carte. Les créatrices et créateurs qui s'inscrivent : leur profil et leur photo, dont les métadonnées (lieu, appareil) sont effacées. Les offres d'aide : ce que vous écrivez et vos coordonnées, lues seulement par l'équipe.
privacy-cookies = Aucun cookie de mesure d'audience ni de publicité. Le site pose seulement la langue choisie, un jeton contre la falsification des formulaires, et pour l'équipe sa session de connexion.
privacy-others = Aucun script ni police d'un autre site n'est chargé. Les e-mails partent par le serveur d'envoi de l'équipe. Un paiement par carte ou TWINT passe par Stripe, qui reçoit ce qu'il faut pour débiter. Une vidéo hébergée ailleurs ne se charge que si vous cliquez dessus.
privacy-kept = Une promesse jamais confirmée est effacée après 7 jours. Les autres données sont gardées le temps de la campagne et de la livraison des contreparties, puis le temps que la loi exige pour la comptabilité.
privacy-rights = Depuis le lien privé de votre promesse, vous téléchargez tout ce que le site garde sur vous et pouvez l'effacer ; vous pouvez aussi le demander à tout moment par écrit. Vos promesses et paiements restent alors, anonymes, le temps que la loi exige pour la comptabilité. Les nouvelles par email s'arrêtent d'un clic, depuis chacune d'elles.

## Supporters' wall
supporters-title = Le mur des soutiens
supporters-intro = Les personnes qui soutiennent la campagne et ont choisi d'afficher leur nom, des plus récentes aux plus anciennes.
supporters-none = Aucun nom pour l'instant : soyez la première ou le premier !
supporters-all = Voir tous les soutiens
supporters-pages = Pages du mur des soutiens
supporters-newer = Plus récents
supporters-older = Plus anciens

## Link previews
preview-progress = { $currency } { $raised } sur { $goal } · { $percent } % · { $when }
preview-succeeded = objectif atteint
preview-failed = campagne terminée

## Campaign page
raised-of-goal = récoltés sur un objectif de
backers = { $count ->
    [one] contributrice ou contributeur
   *[other] contributrices et contributeurs
}
funded = financé
time-left-days = { $count } jours restants
time-left-hours = { $count ->
    [one] { $count } heure restante
   *[other] { $count } heures restantes
}
time-left-minutes = { $count ->
    [one] { $count } minute restante
   *[other] { $count } minutes restantes
}
deadline-on = Fin de la campagne : { $date }
closed-succeeded = La campagne est terminée : objectif atteint. Merci à toutes et à tous !
closed-failed = La campagne est terminée sans atteindre son objectif.
closed-failed-all-or-nothing = La campagne est terminée sans atteindre son objectif : aucune promesse ne sera encaissée.
funding-all-or-nothing = Tout ou rien : les promesses ne sont encaissées que si l'objectif est atteint.
funding-keep-it-all = Les promesses sont encaissées même si l'objectif n'est pas atteint.
story-title = Notre histoire
rewards-title = Les contreparties
pledge-without-reward = Soutenir sans contrepartie
pledge-without-reward-text = Donnez le montant de votre choix, dès { $currency } { $amount }.
pledge-button = Je soutiens
choose-reward = Choisir
from-amount = dès
sold-out = Épuisé
remaining = { $count ->
    [one] plus qu'une disponible
   *[other] { $count } disponibles sur { $limit }
}
unlimited = Quantité illimitée
early-bird-label = Prix lève-tôt :
early-bird-left = { $count ->
    [one] encore une au prix lève-tôt
   *[other] encore { $count } au prix lève-tôt
}
early-bird-until = jusqu'au { $date }
instead-of = au lieu de
delivery = Livraison estimée : { $date }
more-details = Détails
back-to-campaign = Retour à la campagne

## Reward kinds and fulfilment
kind-object = Objet
kind-workshop = Atelier
kind-guided-tour = Parcours
kind-coaching = Coaching en ligne
kind-meeting = Rencontre
fulfilment-shipped = Envoyé par la poste
fulfilment-pickup = À Genève
fulfilment-online = En ligne

## Pledge form
pledge-title = Votre soutien
field-reward = Contrepartie
field-session = Date ({ $reward })
field-choice-none = Choisir…
session-online = En ligne
session-full = complet
session-seats-left = { $count ->
    [one] { $count } place restante
   *[other] { $count } places restantes
}
fulfilment-state-to_prepare = À préparer
fulfilment-state-ready = Prête à retirer
fulfilment-state-shipped = Expédiée
fulfilment-state-delivered = Livrée
fulfilment-state-attended = Présent·e
fulfilment-state-problem = Problème
pledge-fulfilment = Livraison
pledge-tracking = Suivre le colis
error-fulfilment-state = Choisissez une étape de la liste.
error-fulfilment-note-required = Dites en quelques mots quel est le problème : la personne le lira dans l'e-mail.
error-import-empty = Le fichier ne contient aucune ligne d'envoi.
error-import-unknown = Ligne { $line } : aucune promesse à expédier ne porte la référence « { $reference } ». Rien n'a été changé.
error-import-tracking = Ligne { $line } : il faut la référence puis le numéro de suivi ({ $reference }). Rien n'a été changé.
error-import-twice = Ligne { $line } : la référence « { $reference } » figure déjà plus haut. Rien n'a été changé.
pledge-confirmed-choose-date = Votre promesse est confirmée. La date choisie s'est remplie pendant qu'elle attendait : choisissez-en une autre ci-dessous.
session-calendar = Ajouter à mon agenda (.ics)
session-cancelled = Cette date a été annulée par l'équipe.
session-choose-title = Choisir votre date
session-move-title = Changer de date
session-move-hint = Votre place est gardée jusqu'à ce que vous en preniez une autre ; l'ancienne se libère pour quelqu'un d'autre.
session-submit = Réserver cette date
session-to-choose = À choisir ci-dessous
session-chosen = Votre date est réservée. Un e-mail vous la confirme.
pledge-session = Séance
pledge-place = Lieu
no-reward = Sans contrepartie
field-amount = Montant
field-amount-hint = Au moins le minimum de la contrepartie choisie.
field-name = Nom et prénom
field-email = Adresse e-mail
field-email-hint = Pour la confirmation et le lien vers votre promesse. Jamais publiée.
field-email-hint-confirm = Nous vous envoyons un lien pour confirmer votre promesse : elle compte dès que vous l'ouvrez. Jamais publiée.
field-display-name = Nom affiché publiquement (facultatif)
field-anonymous = Rester anonyme
field-news = Recevoir les nouvelles de la campagne par email (vous pourrez arrêter d'un clic)
pledge-submit = Confirmer ma promesse
pledge-closed = La campagne est terminée : elle ne prend plus de promesses.
form-error-title = Votre promesse n'a pas été enregistrée
pledge-change-error-title = Votre promesse n'a pas été modifiée

## Private pledge page
pledge-page-title = Votre promesse
pledge-thanks = Merci ! Votre promesse est enregistrée. Gardez le lien de cette page : il permet de la modifier ou de l'annuler jusqu'à la fin de la campagne.
pledge-changed = Votre promesse a été modifiée.
pledge-cancelled = Votre promesse a été annulée.
pledge-reference = Référence
pledge-amount = Montant
pledge-reward = Contrepartie
pledge-date = Date
pledge-shown-as = Affiché comme
pledge-anonymous = Anonyme
pledge-state-cancelled = Cette promesse a été annulée.
pledge-private-link = Cette page est privée : ne partagez pas son adresse.
pledge-change-title = Modifier ma promesse
pledge-change-submit = Enregistrer les changements
pledge-cancel-title = Annuler ma promesse
pledge-cancel-text = Votre contrepartie sera libérée pour quelqu'un d'autre.
pledge-cancel-submit = Oui, annuler ma promesse
pledge-locked = La campagne est terminée : la promesse ne peut plus être modifiée.
early-bird-applied = au prix lève-tôt

## Months
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Errors
error-title = Un problème est survenu
error-malformed = La requête est mal formée : { $detail }
error-json-content-type = envoyez du JSON avec l'en-tête Content-Type: application/json
error-too-large = La requête est trop volumineuse.
error-amount-empty = Indiquez un montant.
error-amount-not-a-number = Le montant doit être écrit en chiffres, par exemple 50 ou 50.00.
error-amount-not-positive = Le montant doit être plus grand que zéro.
error-amount-too-precise = Le montant ne peut pas avoir plus de deux décimales.
error-amount-too-large = Le montant ne peut pas dépasser { $currency } { $amount }.
error-amount-below-minimum = Le montant minimum est de { $currency } { $amount }.
error-email = Cette adresse e-mail n'est pas valable.
error-name-empty = Indiquez votre nom.
error-name-too-long = Le nom ne peut pas dépasser 100 caractères.
error-name-control = Le nom contient des caractères invalides.
error-unknown-reward = Cette contrepartie n'existe pas.
error-idempotency-reused = Cette clé d'idempotence a déjà servi pour une autre promesse.
error-sold-out = Cette contrepartie est épuisée. Choisissez-en une autre ou soutenez sans contrepartie.
error-session-full = Cette date est complète. Choisissez-en une autre.
error-choice-sold-out = Ce choix ({ $choice }) est épuisé. Choisissez-en un autre.
error-session-required = Choisissez une date pour cette contrepartie.
error-unknown-session = Cette date n'existe pas pour cette contrepartie.
pledge-address = Adresse de livraison
address-give-title = Donner l'adresse de livraison
address-change-title = Changer l'adresse de livraison
address-hint = Votre contrepartie part par la Poste : elle ira à cette adresse, que vous pouvez changer ici jusqu'à son envoi.
address-submit = Enregistrer l'adresse
address-saved = Adresse enregistrée. Votre contrepartie partira là.
error-address-not-asked = Cette promesse n'attend pas d'envoi postal.
error-address-shipped = Votre contrepartie est déjà partie : l'adresse ne peut plus changer. Répondez à l'e-mail d'envoi si elle est fausse.
field-address-name = Nom et prénom (sur l'étiquette)
field-address-street = Rue et numéro
field-address-building = Complément (facultatif)
field-address-postcode = NPA
field-address-town = Localité
field-address-country = Pays
error-address-missing = Adresse : { $field } manque.
error-address-too-long = Adresse : { $field } dépasse { $max } caractères.
error-address-unprintable = Adresse : { $field } doit tenir sur une ligne, sans caractères invisibles.
error-address-country = Adresse : choisissez un pays dans la liste des pays où nous envoyons.
error-address-postcode = Adresse : ce NPA ne correspond pas à un numéro postal de { $country } (par exemple { $example }).
survey-title = Quelques questions pour votre contrepartie
survey-hint = Pour préparer votre contrepartie, l'équipe a besoin de ces réponses. Vous pourrez les changer ici jusqu'à ce qu'elle parte.
survey-answered = Merci, vos réponses sont enregistrées. Vous pouvez les changer ici jusqu'à ce que votre contrepartie parte.
survey-optional = (facultatif)
survey-submit = Enregistrer mes réponses
survey-saved = Réponses enregistrées. Merci !
error-survey-missing = Répondez à la question « { $question } ».
error-survey-choice = Choisissez une réponse de la liste pour « { $question } ».
error-survey-too-long = La réponse à « { $question } » est trop longue : 1000 caractères au plus.
error-survey-unprintable = La réponse à « { $question } » contient des caractères invisibles : retapez-la.
error-survey-closed = Ces questions ne sont pas ou plus ouvertes pour cette promesse.
zone-switzerland = Suisse et Liechtenstein
zone-europe = Europe
zone-world = Reste du monde
postage-free = offert
field-zone = Envoi par la Poste : { $reward }
field-zone-hint = Les frais de port s'ajoutent à ce que vous payez. Ils ne font pas partie de votre promesse et ne comptent pas pour l'objectif.
pledge-total-live = Avec le port ({ $postage }) : { $total } à payer
error-zone-unknown = Choisissez où votre contrepartie sera envoyée.
error-zone-not-address = L'adresse donnée est dans une autre zone que l'envoi choisi : choisissez l'envoi qui correspond à son pays.
error-zone-not-served = Cette contrepartie n'est pas envoyée dans ce pays. Choisissez une adresse en Suisse ou dans un pays de la liste des envois.
address-pledge-title = Adresse de livraison (facultatif)
address-pledge-hint = Pour une contrepartie envoyée par la Poste. Vous pouvez aussi la donner plus tard, sur votre page ; les frais de port suivent le pays de l'adresse.
pledge-postage = Frais de port
pledge-postage-value = { $cost } ({ $zone })
pledge-total = Total à payer
mail-postage = Frais de port ({ $zone }) : { $cost }, en plus de votre promesse
mail-postage-included = Dont frais de port ({ $zone }) : { $cost }
error-session-locked = Cette date ne peut plus être choisie ni changée.
error-session-begun = Cette date a déjà commencé. Choisissez-en une autre.
error-invalid-choice = Choisissez une des valeurs proposées ({ $choice }).
error-campaign-closed = La campagne est terminée : elle ne prend plus de promesses ni de changements.
error-not-found = Cette page n'existe pas.
error-forbidden = Le formulaire a expiré. Vérifiez vos informations et envoyez-le à nouveau.
error-internal = Une erreur interne est survenue. Rien n'a été enregistré ; réessayez dans un instant.

## Team
team-login-title = Connexion de l'équipe
team-password = Mot de passe
team-login-submit = Se connecter
team-login-failed = Adresse e-mail ou mot de passe incorrect.
team-login-throttled = Trop de tentatives. Réessayez dans { $minutes } minutes.
team-logout = Se déconnecter
team-setup-title = Premier compte de l'équipe
team-setup-text = Choisissez l'adresse e-mail et le mot de passe du premier compte. Ce lien ne sert qu'une fois.
team-setup-submit = Créer le compte
team-password-hint = Au moins 12 caractères.
team-password-confirm = Mot de passe, encore une fois
team-password-too-short = Le mot de passe doit compter au moins 12 caractères.
team-password-mismatch = Les deux mots de passe ne sont pas identiques.
team-dashboard-title = Tableau de bord
team-pledges = promesses
team-average = promesse moyenne
team-claimed = Prises
team-remaining = Restantes
team-revenue = Montant
team-early-bird-uses = Lève-tôt
team-recent = Dernières promesses
team-cancelled = annulée
team-no-pledges = Pas encore de promesse.
error-unauthorized = Connectez-vous pour voir cette page.
error-busy = Le serveur est très occupé en ce moment. Réessayez dans { $seconds } secondes.
error-rate-limited-seconds = Trop de demandes en peu de temps depuis votre connexion ou pour cette adresse e-mail. Réessayez dans { $seconds ->
    [one] une seconde
   *[other] { $seconds } secondes
}.
error-rate-limited-minutes = Trop de demandes en peu de temps depuis votre connexion ou pour cette adresse e-mail. Réessayez dans { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
}.
error-too-many-streams = { $limit } tableaux de bord en direct sont déjà ouverts pour ce compte. Fermez-en un, puis rechargez la page.
team-pledges-title = Promesses
team-all = Toutes
team-state = État
team-active = active
team-unconfirmed = non confirmée
team-search = Recherche
team-search-hint = nom, e-mail ou référence
team-filter = Filtrer
team-export = Exporter en CSV
team-export-semicolon = CSV avec points-virgules (tableurs suisses et allemands)
team-pledges-found = { $count ->
    [one] { $count } promesse
   *[other] { $count } promesses
}
team-previous = Précédentes
team-next = Suivantes
team-page = page { $page } sur { $pages }
team-check-warning = La dernière vérification ({ $date }) a trouvé { $count } compteur(s) différent(s) des promesses. Lancez « bobine check » pour le détail.
team-chart-title = Montant récolté au fil du temps
team-goal = Objectif
team-projection = Projection au rythme récent
team-chart-alt = Montant récolté au fil du temps : { $raised } sur un objectif de { $goal }.
team-chart-alt-projection = Au rythme récent, { $projected } à l'échéance.
team-sources-title = D'où viennent les contributeurs
team-sources-text = Comptés sans cookie ni traceur : le paramètre ?ref= du lien partagé et le site qui y menait.
team-sources-tags = Par lien (?ref=)
team-sources-sites = Par site d'origine
team-sources-share = Part
team-source-no-tag = sans ?ref=
team-source-direct = direct ou inconnu
team-source-others = autres
mail-pledge-placed-subject = Votre promesse de { $amount } pour « { $campaign } »
mail-session-moved-subject = Nouvelle date : { $reward }
mail-session-moved-body =
    Bonjour { $name },

    L'équipe a déplacé la séance que vous avez réservée ({ $reward }, promesse { $reference }). Elle a lieu désormais :

    Date : { $when }
    Lieu : { $place }

    Pour mettre à jour votre agenda : { $calendar }

    Si cette date ne vous convient pas, choisissez-en une autre sur votre page :
    { $link }

    { $campaign }
mail-session-cancelled-subject = Séance annulée : { $reward }
mail-session-cancelled-body =
    Bonjour { $name },

    L'équipe a dû annuler la séance que vous aviez réservée ({ $reward }, promesse { $reference }) :

    Date : { $when }
    Lieu : { $place }

    Votre promesse reste valable : choisissez une autre date sur votre page :
    { $link }

    { $campaign }
mail-session-reminder-subject = Rappel : { $reward }
mail-session-reminder-body =
    Bonjour { $name },

    Nous vous attendons bientôt pour { $reward } (promesse { $reference }) :

    Date : { $when }
    Lieu : { $place }

    Pour l'ajouter à votre agenda : { $calendar }
    Votre page : { $link }

    À très vite !
    { $campaign }
mail-fulfilment-tracking =
    Numéro de suivi : { $tracking }
    Pour suivre le colis : { $url }
mail-details-request-subject = Ce qu'il nous faut pour votre contrepartie : { $reward }
mail-details-request-body =
    Bonjour { $name },

    « { $campaign } » a atteint son objectif : merci ! Pour préparer votre contrepartie ({ $reward }, promesse { $reference }), il nous manque encore :

    { $needed }

    Donnez-le sur votre page, en une minute :
    { $link }

    { $campaign }
mail-details-reminder-subject = Rappel : ce qu'il nous faut pour { $reward }
mail-details-reminder-body =
    Bonjour { $name },

    Pour préparer votre contrepartie ({ $reward }, promesse { $reference }), il nous manque toujours :

    { $needed }

    Sans cela, elle ne peut pas partir. Donnez-le sur votre page :
    { $link }

    { $campaign }
mail-details-address = votre adresse de livraison (les frais de port suivent son pays)
mail-details-answers = vos réponses à quelques questions sur votre contrepartie
mail-fulfilment-ready-subject = Votre contrepartie vous attend : { $reward }
mail-fulfilment-ready-body =
    Bonjour { $name },

    Votre contrepartie ({ $reward }, promesse { $reference }) est prête : vous pouvez venir la chercher.
    { $note }
    Votre page : { $link }

    { $campaign }
mail-fulfilment-shipped-subject = Votre contrepartie est en route : { $reward }
mail-fulfilment-shipped-body =
    Bonjour { $name },

    Votre contrepartie ({ $reward }, promesse { $reference }) est partie.
    { $tracking }{ $note }
    Votre page : { $link }

    { $campaign }
mail-fulfilment-delivered-subject = Votre contrepartie est livrée : { $reward }
mail-fulfilment-delivered-body =
    Bonjour { $name },

    Votre contrepartie ({ $reward }, promesse { $reference }) vous a été remise. Merci encore pour votre soutien !
    { $note }
    Votre page : { $link }

    { $campaign }
mail-fulfilment-problem-subject = Un souci avec votre contrepartie : { $reward }
mail-fulfilment-problem-body =
    Bonjour { $name },

    Nous avons un souci avec votre contrepartie ({ $reward }, promesse { $reference }) :
    { $note }
    Répondez à cet e-mail si vous avez une question. Votre page : { $link }

    { $campaign }
mail-session =
    Date : { $when }
    Lieu : { $place }
    Pour l'ajouter à votre agenda : { $calendar }
invitation-description = { $campaign }, promesse { $reference }. Votre page personnelle est dans l'e-mail de confirmation.
mail-pledge-placed-body =
    Bonjour { $name },

    Merci ! Votre promesse est enregistrée.

    Référence : { $reference }
    Contrepartie : { $reward }
    Montant : { $amount }{ $postage }{ $session }

    Jusqu'au { $deadline }, vous pouvez la voir, la modifier ou l'annuler ici :
    { $link }

    Ce lien est personnel : ne le transmettez pas.

    { $campaign }
mail-pledge-changed-subject = Votre promesse pour « { $campaign } » est modifiée
mail-pledge-changed-body =
    Bonjour { $name },

    Votre promesse { $reference } est modifiée. La voici :

    Contrepartie : { $reward }
    Montant : { $amount }{ $postage }{ $session }

    Jusqu'au { $deadline }, vous pouvez encore la modifier ou l'annuler ici :
    { $link }

    { $campaign }
mail-pledge-cancelled-subject = Votre promesse pour « { $campaign } » est annulée
mail-pledge-cancelled-body =
    Bonjour { $name },

    Votre promesse { $reference } ({ $reward }, { $amount }) est annulée : rien ne vous sera demandé pour elle.

    Si c'est une erreur, vous pouvez promettre à nouveau sur le site jusqu'au { $deadline }.

    { $campaign }
team-outbox-title = E-mails
team-outbox-no-smtp = Aucun serveur SMTP n'est configuré : les e-mails attendent ici. Transmettez-les à la main puis marquez-les comme transmis, ou configurez BOBINE_SMTP_URL et BOBINE_MAIL_FROM pour qu'ils partent d'eux-mêmes.
team-outbox-waiting = en attente
team-outbox-sent = envoyé
team-outbox-failed = échec
team-outbox-handled = transmis à la main
team-outbox-to = Destinataire
team-outbox-attempts = Tentatives
team-outbox-sent-at = envoyé le { $date }
team-outbox-handled-at = transmis à la main le { $date }
team-outbox-error = Dernière erreur
team-outbox-send-again = Renvoyer
team-outbox-mark-handled = Marquer comme transmis à la main
team-outbox-empty = Aucun e-mail.
team-outbox-found = { $count ->
    [0] Aucun e-mail
    [one] { $count } e-mail
   *[other] { $count } e-mails
}
help-title = Aider sans argent
help-intro = Du temps, un savoir-faire, une machine, un lieu, une rencontre : la mode durable genevoise avance aussi grâce à ce qui ne se compte pas en francs. Dites-nous ce que vous proposez, l'équipe vous recontacte.
help-kind = Ce que vous proposez
help-description = Décrivez votre proposition
help-description-hint = Quoi, où, combien, pour qui : { $max } caractères au plus.
help-availability = Vos disponibilités (facultatif)
help-availability-hint = Par exemple : les samedis matin, en soirée, dès janvier.
help-phone = Téléphone (facultatif)
help-contact-hint = Votre adresse e-mail et votre téléphone ne servent qu'à l'équipe pour vous recontacter ; ils ne sont jamais publiés.
help-submit = Envoyer ma proposition
help-thanks-title = Merci pour votre proposition !
help-thanks-text = L'équipe l'a bien reçue et vous recontacte bientôt. Un e-mail vous le confirme.
help-count = { $count ->
    [one] { $count } personne a proposé son aide
   *[other] { $count } personnes ont proposé leur aide
}
help-cta = Proposer votre aide
offer-kind-time = Du temps
offer-kind-time-hint = Donner un coup de main lors d'un atelier, d'un parcours, d'un événement.
offer-kind-skills = Un savoir-faire
offer-kind-skills-hint = Couture, photo, graphisme, traduction, comptabilité…
offer-kind-machines = Des machines
offer-kind-machines-hint = Prêter une machine à coudre, une surjeteuse, une presse…
offer-kind-space = Un lieu
offer-kind-space-hint = Un atelier, une vitrine, une salle pour un événement.
offer-kind-introduction = Une mise en relation
offer-kind-introduction-hint = Présenter une créatrice ou un créateur de mode durable.
offer-kind-partner-technology = Un partenariat technologique
offer-kind-partner-technology-hint = Outils, logiciels, hébergement, savoir-faire technique.
offer-kind-partner-media = Un partenariat média
offer-kind-partner-media-hint = Un article, une émission, une newsletter, un réseau.
offer-kind-partner-finance = Un partenariat financier
offer-kind-partner-finance-hint = Une fondation, une entreprise, un mécénat.
offer-kind-interview = Un témoignage
offer-kind-interview-hint = Raconter comment vous avez changé votre manière d'acheter.
error-offer-kind = Choisissez ce que vous proposez.
error-phone = Ce numéro de téléphone n'est pas valable : chiffres, espaces et + ( ) - . / seulement.
error-text-empty = Ce champ est obligatoire.
error-text-too-long = Ce texte est trop long : { $max } caractères au plus.
error-text-control = Ce texte contient des caractères invisibles ; retirez-les.
mail-offer-received-subject = Merci pour votre aide à « { $campaign } »
mail-offer-received-body =
    Bonjour { $name },

    Merci pour votre proposition ({ $kind }). L'équipe l'a bien reçue et vous recontacte bientôt.

    { $campaign }
team-offers-title = Offres d'aide
team-offers-none = Pas encore d'offre d'aide.
team-offers-found = { $count ->
    [0] Aucune offre
    [one] { $count } offre
   *[other] { $count } offres
}
team-note = Note de l'équipe
team-save = Enregistrer
offer-state-new = nouvelle
offer-state-contacted = contactée
offer-state-accepted = acceptée
offer-state-declined = déclinée
error-offer-state = Choisissez un état : nouvelle, contactée, acceptée ou déclinée.
help-error-title = Votre proposition n'a pas été envoyée
designers-title = Les créatrices et créateurs
designers-intro = Les créatrices et créateurs de mode durable de Genève qui font cette campagne.
designers-none = Aucun profil publié pour l'instant.
designers-all = Toutes les pratiques
designers-register-cta = Vous créez à Genève ? Présentez-vous
designers-rewards = Ses contreparties
designers-with = Avec
designers-website = Site web
designers-links = Liens
designer-register-title = Présentez votre atelier
designer-register-intro = Votre profil paraîtra sur le site une fois relu par l'équipe. Vous recevrez par e-mail un lien personnel pour le modifier quand vous voudrez.
designer-edit-title = Votre profil
designer-name = Votre nom
designer-brand = Marque ou atelier
designer-email-hint = Jamais publiée : elle sert à vous envoyer votre lien personnel et les nouvelles de l'équipe.
designer-bio = Présentation
designer-bio-hint = Ce que vous créez, comment, avec quoi : { $max } caractères au plus.
designer-photo = Photo
designer-photo-hint = JPEG, PNG ou WebP, 10 Mo au plus. Nous la réduisons et retirons ses métadonnées (lieu de prise de vue, appareil, date).
designer-photo-keep = Laissez vide pour garder la photo actuelle.
designer-photo-again = Choisissez à nouveau votre photo : pour votre sécurité, le navigateur ne la renvoie pas.
designer-website = Site web (facultatif)
designer-links = Réseaux sociaux (facultatif)
designer-links-hint = Un lien par ligne, 5 au plus, commençant par https://.
designer-practices = Matières et pratiques
designer-practices-other = Autres pratiques (facultatif)
designer-area = Quartier ou commune
designer-consent = J'accepte que ce profil (sans mon e-mail) soit publié sur ce site une fois approuvé.
designer-submit = Envoyer mon profil
designer-save = Enregistrer les modifications
designer-registered-title = Merci, votre profil est envoyé !
designer-registered-text = L'équipe le relit avant de le publier. Vous avez reçu par e-mail un lien personnel pour le modifier.
designer-saved = Vos modifications sont enregistrées.
designer-state-pending = En attente de relecture par l'équipe : pas encore visible sur le site.
designer-state-approved = Publié sur le site.
designer-state-rejected = Non publié. Raison donnée par l'équipe : { $reason }. Modifiez votre profil pour le soumettre à nouveau.
designer-state-unpublished = Retiré du site par l'équipe.
designer-no-photo = Pas de photo
practice-upcycling = Upcycling
practice-organic-recycled-fibres = Fibres bio ou recyclées
practice-local-production = Production locale
practice-made-to-order = Sur mesure, à la commande
practice-repair = Réparation
practice-rental = Location
practice-second-hand = Seconde main
area-vieille-ville = Vieille-Ville
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
area-elsewhere = Ailleurs dans le canton
error-link-scheme = « { $link } » n'est pas un lien web : seuls les liens http et https sont acceptés.
error-link-invalid = « { $link } » n'est pas une adresse web valable.
error-links-too-many = { $max } liens au plus, un par ligne.
error-practice = Cette pratique n'est pas dans la liste.
error-area = Choisissez votre quartier ou commune.
error-consent = Cochez la case pour accepter la publication de votre profil.
error-photo-too-large = Cette photo est trop lourde : 10 Mo au plus.
error-photo-not-image = Ce fichier n'est pas une image JPEG, PNG ou WebP.
error-photo-unreadable = Cette image est abîmée ou illisible.
error-photo-pixels = Cette image est trop grande en pixels.
error-form-too-large = L'envoi est trop lourd : la photo doit peser 10 Mo au plus.
error-unpublish-unapproved = Seul un profil publié peut être retiré.
mail-designer-registered-subject = Votre profil « { $brand } » est bien reçu
mail-designer-registered-body =
    Bonjour { $name },

    Merci d'avoir présenté { $brand } ! L'équipe relit votre profil avant de le publier ; vous recevrez un e-mail dès qu'il sera en ligne.

    Votre lien personnel pour le modifier à tout moment :
    { $edit_link }

    Ce lien est à vous seul : ne le transmettez pas.

    { $campaign }
mail-designer-approved-subject = Votre profil « { $brand } » est en ligne
mail-designer-approved-body =
    Bonjour { $name },

    Votre profil est publié :
    { $public_link }

    Pour le modifier :
    { $edit_link }

    { $campaign }
mail-designer-rejected-subject = Votre profil « { $brand } » n'est pas publié
mail-designer-rejected-body =
    Bonjour { $name },

    L'équipe n'a pas publié votre profil, pour cette raison :

    { $reason }

    Vous pouvez le modifier et le soumettre à nouveau ici :
    { $edit_link }

    { $campaign }
mail-designer-unpublished-subject = Votre profil « { $brand } » est retiré du site
mail-designer-unpublished-body =
    Bonjour { $name },

    L'équipe a retiré votre profil du site. Pour en savoir plus, répondez-nous ; votre lien personnel reste valable :
    { $edit_link }

    { $campaign }
form-error-title-profile = Votre profil n'a pas été enregistré
team-designers-title = Créateurs
team-designers-none = Aucun profil.
team-designers-found = { $count ->
    [0] Aucun profil
    [one] { $count } profil
   *[other] { $count } profils
}
team-designer-pending = à relire
team-designer-approved = publié
team-designer-rejected = refusé
team-designer-unpublished = retiré
team-designer-approve = Publier
team-designer-reject = Refuser
team-designer-unpublish = Retirer du site
team-designer-reason = Raison (envoyée au créateur) :
error-designer-decision = Choisissez de publier, refuser ou retirer ce profil.
team-designer-slug = Adresse : /designers/
team-designer-rename = Changer l'adresse
error-slug-invalid = Une adresse est faite de lettres minuscules sans accents, de chiffres et de tirets simples entre eux, comme atelier-rose (ni register, registered ni edit).
error-slug-taken = L'adresse { $slug } est déjà celle d'un autre profil : donnez d'abord une autre adresse à ce profil.
team-work-designers = profil(s) à relire
team-work-offers = nouvelle(s) offre(s) d'aide
team-work-emails-sending = e-mail(s) en cours d'envoi
team-work-emails-by-hand = e-mail(s) à transmettre (pas de SMTP)
team-work-emails-failed = e-mail(s) en échec
team-all-m = Tous

## Confirmer une promesse par email
pledge-confirm-needed = Presque fini : nous vous avons envoyé un email. Ouvrez le lien qu'il contient pour confirmer votre promesse ; d'ici là, elle ne compte pas.
pledge-state-unconfirmed = Pas encore confirmée : ouvrez le lien de l'email envoyé à { $email }. Tant que vous ne l'avez pas confirmée, votre promesse ne compte pas.
pledge-state-unconfirmed-held = Votre contrepartie vous est réservée jusqu'à { $until }.
pledge-state-unconfirmed-released = Votre contrepartie n'est plus réservée : quand vous confirmerez, elle sera à vous s'il en reste.
pledge-state-unconfirmed-typo = Ce n'est pas votre adresse, ou aucun email n'arrive ? Annulez cette promesse ci-dessous et faites-en une nouvelle avec la bonne adresse.
pledge-confirmed = Merci : votre promesse est confirmée et compte.
pledge-confirm-title = Confirmer ma promesse
pledge-confirm-sold-out = Votre contrepartie a été épuisée pendant que votre promesse attendait sa confirmation. Choisissez-en une autre, ou soutenez sans contrepartie, pour la confirmer.
pledge-confirm-submit = Confirmer ma promesse
pledge-confirm-closed = La campagne est terminée : une promesse ne peut plus être confirmée.
error-pledge-unconfirmed = Confirmez d'abord votre promesse, avec le lien de l'email que nous vous avons envoyé.
api-pledge-unconfirmed = Un email a été envoyé à { $email } : la promesse compte dès que son auteur ouvre le lien de confirmation qu'il contient.
api-pledge-active = La promesse est enregistrée et compte.
mail-pledge-confirm-subject = Confirmez votre promesse à « { $campaign } »
mail-pledge-confirm-body =
    Bonjour { $name },

    Pour confirmer votre promesse de { $amount } ({ $reward }), ouvrez ce lien :
    { $confirm_link }

    Tant que vous ne l'avez pas confirmée, votre promesse ne compte pas, et votre contrepartie vous est réservée pendant { $hold_minutes } minutes.

    Référence : { $reference }

    Si vous n'avez pas fait de promesse, ignorez cet email : elle sera effacée d'ici une semaine.
team-warning-confirm-at-once = Aucun serveur SMTP n'est configuré, aucun email ne peut partir : les promesses comptent tout de suite, sans que leur auteur confirme son adresse. N'importe qui peut promettre au nom d'un autre. Réglez BOBINE_SMTP_URL et BOBINE_MAIL_FROM pour faire confirmer les promesses par email.
team-work-unconfirmed = promesses en attente de confirmation
team-address = Adresse
team-from = Faites à partir de
team-until = Faites avant
team-select = Choisir
team-delivery-title = Livraisons
team-delivery-reward-title = Livraison d'une contrepartie
team-attendance-title = Liste de présence
team-delivery-hint = Une contrepartie est due dès que sa promesse est payée. Chaque étape annoncée (prête, expédiée, livrée, problème) part par e-mail à la personne ; un pointage à l'entrée non.
team-delivery-owed = Dues
team-delivery-sessions = Séances et listes de présence
team-delivery-seats = { $claimed } place(s) prise(s) sur { $seats }
team-delivery-cancelled = annulée
team-delivery-import-title = Numéros de suivi de la Poste
team-delivery-import-hint = Un fichier CSV d'une ligne par colis : la référence de la promesse, puis le numéro de suivi (séparés par un point-virgule, une virgule ou une tabulation). Chaque promesse passe à « Expédiée » avec son numéro, et la personne reçoit le lien de suivi. Une seule ligne fausse et rien n'est changé : le message dit laquelle.
team-delivery-file = Fichier CSV
team-delivery-import = Importer les numéros
team-delivery-imported = { $count ->
    [0] Aucune contrepartie n'a changé : chacune était déjà expédiée sous ce numéro, ou plus loin.
    [one] { $count } contrepartie marquée expédiée, la personne est prévenue.
   *[other] { $count } contreparties marquées expédiées, chaque personne est prévenue.
}
team-delivery-prepared = Préparées (prêtes ou expédiées)
team-delivery-addresses = Adresses des colis à envoyer (CSV pour la Poste)
labelled = { $label } : { $value }
team-delivery-no-answers = Réponses manquantes
team-delivery-answers = Réponses aux questions (CSV)
team-delivery-missing-only = Sans adresse seulement
team-delivery-missing = { $count ->
    [one] { $count } personne n'a pas encore donné son adresse
   *[other] { $count } personnes n'ont pas encore donné leur adresse
}
team-delivery-no-address = Pas encore d'adresse
team-delivery-step = Étape
team-delivery-options = Choix et séance
team-delivery-paid = payée
team-delivery-unpaid = pas encore payée
team-delivery-truncated = La liste s'arrête aux 2000 premières personnes, par nom.
team-delivery-move-title = Faire avancer les promesses cochées
team-delivery-move-hint = Chaque personne reçoit un e-mail avec l'étape, le numéro de suivi et la note.
team-delivery-tracking = Numéro de suivi ou lien (facultatif)
team-delivery-note = Note pour la personne
team-delivery-note-hint = Pour un retrait : le lieu et les heures. Pour un problème : ce qui se passe (obligatoire).
team-delivery-move-submit = Appliquer l'étape
team-delivery-moved = { $count ->
    [0] Aucune promesse n'a changé d'étape.
    [one] { $count } promesse a avancé.
   *[other] { $count } promesses ont avancé.
}
team-check-in = Arrivé·e
team-check-in-name = { $name } est arrivé·e
team-checked-in = Présence notée.
team-present = { $present } présent·e(s) sur { $count }
team-select-pledge = Choisir la promesse { $reference }
team-bulk-title = Annuler des promesses
team-bulk-hint = Pour les fausses promesses : cochez celles à annuler, ou toutes celles du filtre (une adresse, une minute). Personne ne reçoit d'email sauf si vous le demandez ; une adresse jamais confirmée n'en reçoit jamais.
team-bulk-all = Les { $count } promesses du filtre, pas seulement celles cochées
team-bulk-tell = Prévenir leurs auteurs par email
team-bulk-submit = Annuler ces promesses
team-bulk-none = Aucune promesse à annuler : cochez-en, ou choisissez toutes celles du filtre.
team-bulk-cancelled = { $count ->
    [one] Une promesse annulée.
   *[other] { $count } promesses annulées.
}
team-bulk-refused = { $count ->
    [one] Une n'a pas pu l'être (la campagne est close).
   *[other] { $count } n'ont pas pu l'être (la campagne est close).
}
mail-payment-refund-note = Vous avez versé plus que ce que vous devez : nous vous rembourserons { $refund }.
mail-payment-bill-subject = Votre facture de { $total } pour « { $campaign } », à payer d'ici au { $due_date }
mail-payment-bill-body =
    Bonjour { $name },

    Merci de soutenir « { $campaign } » ! Voici la facture de votre promesse { $reference }.

    Montant : { $outstanding }{ $postage }
    À payer d'ici au : { $due_date }

    Votre facture QR, à scanner avec l'application de votre banque ou à imprimer :
    { $bill_link }

    Pour payer sans scanner :
    Compte : { $iban }
    En faveur de : { $creditor }
    Référence : { $qr_reference }

    Votre promesse : { $link }

    { $campaign }
mail-payment-reminder-subject = Rappel : { $outstanding } à payer pour « { $campaign } »
mail-payment-reminder-body =
    Bonjour { $name },

    Nous n'avons pas encore reçu le paiement de votre promesse { $reference } : il reste { $outstanding } à payer, d'ici au { $due_date }.

    Votre facture QR : { $bill_link }

    Compte : { $iban }
    En faveur de : { $creditor }
    Référence : { $qr_reference }

    Si vous venez de payer, ne tenez pas compte de ce message : un virement met un ou deux jours ouvrables à nous parvenir.

    { $campaign }
mail-payment-dropped-subject = Votre promesse pour « { $campaign } » est retirée, faute de paiement
mail-payment-dropped-body =
    Bonjour { $name },

    Nous n'avons pas reçu le paiement de votre promesse { $reference } ({ $amount }), due le { $due_date } : elle est donc retirée et vous ne recevrez plus de rappel.

    Si vous avez payé entre-temps, ou souhaitez encore le faire, répondez-nous : un paiement tardif est toujours accepté, avec la même référence ({ $qr_reference }).

    { $campaign }
mail-payment-dropped-card-subject = Votre promesse pour « { $campaign } » est retirée, faute de paiement
mail-payment-dropped-card-body =
    Bonjour { $name },

    Le paiement par { $method } de votre promesse { $reference } ({ $amount }) n'a pas abouti, même à la dernière tentative : elle est donc retirée et vous ne recevrez plus de rappel.

    Si vous souhaitez encore payer, un paiement tardif est toujours accepté : votre page propose une facture QR pour un virement.
    { $link }

    { $campaign }
mail-payment-void-subject = « { $campaign } » n'a pas atteint son objectif : vous ne devez rien
mail-payment-void-body =
    Bonjour { $name },

    La campagne « { $campaign } » n'a pas atteint son objectif. Votre promesse { $reference } ({ $amount }) ne sera pas encaissée : vous ne devez rien.

    { $refund_note }

    Merci de nous avoir soutenus.

    { $campaign }
mail-payment-paid-subject = Reçu : votre paiement pour « { $campaign } »
mail-payment-paid-body =
    Bonjour { $name },

    Nous avons bien reçu { $paid } pour votre promesse { $reference } : elle est payée. Merci !

    { $refund_note }

    Votre promesse : { $link }

    { $campaign }
mail-payment-void-refund = Vous avez déjà versé { $refund } : nous vous les rembourserons.
payment-heading = Paiement : { $state }
payment-state-promised = promis
payment-state-due = à payer
payment-state-partly_paid = payé en partie
payment-state-paid = payé
payment-state-dropped = retiré, non payé
payment-state-void = rien à payer
payment-state-refund_due = à rembourser
payment-state-refunded = remboursé
payment-text-on-success = Si l'objectif est atteint le { $deadline }, vous recevrez une facture QR de { $amount }, à payer dans les { $days } jours.
payment-text-at-pledge = Dès que vous aurez confirmé votre promesse, vous recevrez une facture QR de { $amount }, à payer dans les { $days } jours.
payment-text-billing = Votre facture QR de { $amount } est en route : vous la recevrez par e-mail et la trouverez ici.
payment-text-due = Merci de payer { $outstanding } d'ici au { $due_date }, avec votre facture QR.
payment-text-partly-paid = Nous avons reçu { $held } : il reste { $outstanding } à payer d'ici au { $due_date }.
payment-text-paid = Payé le { $paid_date }. Merci !
payment-text-overpaid = Vous avez versé { $refund } de trop : l'équipe vous les rembourse.
payment-text-dropped = La facture n'a pas été payée : la promesse a été retirée le { $dropped_date }. Un paiement tardif reste le bienvenu, avec votre facture QR.
payment-text-dropped-card = Le paiement par { $method } n'a pas abouti : la promesse a été retirée le { $dropped_date }. Un paiement tardif reste le bienvenu, avec votre facture QR.
payment-text-failed = Rien à payer : la campagne n'a pas atteint son objectif.
payment-text-cancelled = Rien à payer : cette promesse a été annulée.
payment-text-refund-due = Vous ne devez rien, et nous avons reçu { $held } de votre part : l'équipe vous les rembourse.
payment-text-refunded = Vous ne devez rien : { $refunded } vous ont été remboursés.
payment-bill-link = Voir et imprimer la facture QR
payment-by-hand = Pour payer sans scanner
payment-account = Compte
payment-creditor = En faveur de
payment-qr-reference = Référence
payment-amount = Montant
payment-due-date = À payer d'ici au
bill-page-title = Facture QR
bill-page-intro = Scannez le code avec l'application de votre banque, ou imprimez cette page sur du papier A4 : le bulletin est à sa taille réelle, en bas de la page.
bill-image-alt = Facture QR de { $amount } en faveur de { $creditor }, référence { $reference }
bill-back = Retour à ma promesse
error-refund-too-large = On ne peut pas rembourser plus que ce qui a été reçu pour cette promesse.

## Paiements, côté équipe
team-payments-title = Paiements
team-payments-off = Les paiements ne sont pas activés : ajoutez une section [payments] au fichier campaign.toml pour envoyer des factures QR et suivre l'argent reçu.
team-warning-example-account = Les factures QR indiquent un compte d'exemple de la norme, qu'aucune banque ne crédite : aucun paiement n'arrivera. Remplacez l'IBAN de [payments.creditor] dans campaign.toml par celui de votre compte, puis redémarrez.
team-payments-collected = reçus
team-payments-outstanding = encore dus
team-payments-refund-due = à rembourser
team-payments-refunded = remboursés
team-payments-dropped = { $count ->
    [0] retirés, non payés (aucune promesse)
    [one] retirés, non payés ({ $count } promesse)
   *[other] retirés, non payés ({ $count } promesses)
}
team-payments-import-title = Fichier de la banque
team-payments-import-hint = Téléchargez depuis votre e-banking l'avis de crédit (camt.054) ou le relevé de compte (camt.053), au format XML. Chaque paiement trouve sa promesse par sa référence QR ; un paiement déjà enregistré ne compte jamais deux fois.
team-payments-file = Fichier camt.054 ou camt.053
team-payments-import = Importer
team-payments-imported = { $kind } importé : { $movements } mouvement(s), { $matched } rattaché(s) à leur promesse, { $unmatched } à rattacher à la main, { $known } déjà connu(s). { $paid } promesse(s) désormais payée(s).
team-payments-imported-again = Ce fichier avait déjà été importé ({ $kind }) : { $movements } mouvement(s), { $known } déjà connu(s), { $matched } nouveau(x) rattaché(s), { $unmatched } à rattacher à la main.
team-payments-refused = Fichier refusé, rien n'a changé : { $reason }
team-payments-no-file = Choisissez le fichier de la banque à importer.
team-payments-file-too-large = Le fichier est trop grand ou n'est pas arrivé en entier : rien n'a changé.
team-payments-file-unreadable = Le fichier n'a pas pu être lu : rien n'a changé.
team-payments-unmatched-title = Paiements à rattacher
team-payments-unmatched-hint = Ces paiements sont arrivés sans référence qui désigne une promesse. Indiquez la référence de la promesse (comme BX7K-3M9Q) ou l'adresse e-mail de son auteur, ou écartez-les s'ils ne concernent pas la campagne.
team-payments-unmatched-found = { $count ->
    [one] Un paiement à rattacher.
   *[other] { $count } paiements à rattacher (les { $listed } plus anciens sont affichés).
}
team-payments-unmatched-none = Aucun paiement à rattacher.
team-payments-payer = Payeur
team-payments-iban = IBAN
team-payments-message = Communication
team-payments-decide = Rattacher
team-payments-reversal = contre-passation
team-payments-pledge = Promesse (référence ou e-mail)
team-payments-pledge-hint = BX7K-3M9Q ou anne@example.ch
team-payments-match = Rattacher
team-payments-not-ours = Pas pour nous
team-payments-matched = Paiement rattaché à la promesse { $reference } : { $state }.
team-payments-set-aside = Paiement écarté : il ne concerne pas la campagne.
team-payments-already-decided = Ce paiement a déjà été traité : rien n'a changé.
team-payments-receipt = Un reçu part par e-mail.
team-payments-pledge-empty = Indiquez la référence de la promesse ou l'adresse e-mail de son auteur.
team-payments-no-pledge = Aucune promesse ne correspond à cette référence ou à cette adresse.
team-payments-several-pledges = Cette adresse a fait plusieurs promesses : indiquez la référence de celle qui est payée.
team-payments-other-currency = Ce paiement est en { $currency }, pas dans la monnaie de la campagne : réglez-le avec la banque, puis enregistrez à la main ce qui est arrivé.
team-payments-refunds-title = Remboursements à faire
team-payments-refunds-hint = Ces promesses ont reçu plus que ce qu'elles doivent (un paiement en trop, ou une promesse qui ne doit plus rien). Faites le virement depuis votre e-banking, puis enregistrez-le ici.
team-payments-refunds-found = { $count ->
    [one] Un remboursement à faire.
   *[other] { $count } remboursements à faire (les { $listed } plus anciens sont affichés).
}
team-payments-refunds-none = Aucun remboursement à faire.
team-payments-due-back = À rendre
team-payments-no-iban = inconnu (pas de virement reçu)
team-payments-refund-made = Remboursement fait
team-payments-note = Note
team-payments-refund-recorded = Remboursement de { $amount } enregistré pour la promesse { $reference } : { $state }.
team-payments-refund-above-due = On ne peut pas rembourser plus que ce qui est à rendre ({ $due }).
team-payments-by-hand-title = Paiement reçu à la main
team-payments-by-hand-hint = De l'argent reçu en dehors du fichier de la banque : en espèces lors d'un atelier, ou un virement arrivé sans référence.
team-payments-record = Enregistrer le paiement
team-payments-payment-recorded = Paiement de { $amount } enregistré pour la promesse { $reference } : { $state }.
team-work-collected = reçus
team-work-outstanding = encore dus
team-work-refund-due = à rembourser
team-work-dropped = retirés, non payés
team-dashboard-payments-off = Les paiements ne sont pas activés : sans section [payments] dans campaign.toml, aucune facture n'est envoyée et l'argent reçu n'est pas suivi ici.
team-payment-state = Paiement
team-payments-reversal-too-large = Cette contre-passation reprend plus que ce que la promesse a reçu : rattachez-la à la promesse dont le paiement a été repris.
field-method = Comment souhaitez-vous payer ?
pay-by-bank = Virement bancaire (facture QR)
pay-by-card = Carte
pay-by-twint = TWINT
pay-by-bank-on-success = Si l'objectif est atteint, vous recevez une facture QR à payer dans les jours qui suivent.
pay-by-card-on-success = Votre carte est enregistrée maintenant et débitée seulement si l'objectif est atteint.
pay-by-twint-on-success = TWINT est enregistré maintenant et débité seulement si l'objectif est atteint (jusqu'à CHF 5 000).
pay-by-bank-at-pledge = Vous recevez une facture QR à payer dans les jours qui suivent.
pay-by-card-at-pledge = Vous payez par carte maintenant, dans la page sécurisée de Stripe.
pay-by-twint-at-pledge = Vous payez avec TWINT maintenant (jusqu'à CHF 5 000), dans la page sécurisée de Stripe.
error-method-unknown = Choisissez l'un des moyens de paiement proposés.
error-twint-limit = TWINT accepte au plus CHF 5 000 par paiement : choisissez une carte ou un virement.
error-checkout-nothing = Il n'y a rien à payer ni à enregistrer pour cette promesse pour l'instant.
error-checkout-unavailable = Le service de paiement par carte est injoignable pour l'instant : votre promesse est conservée : réessayez dans un moment depuis la page de votre promesse, ou payez par virement.
payment-state-errored = paiement échoué
payment-text-errored = Le paiement de { $outstanding } n'a pas abouti. Payez à nouveau ci-dessous, par carte ou TWINT, ou passez à une facture QR.
payment-text-authenticate = Votre banque vous demande de confirmer le paiement de { $outstanding }. Payez ci-dessous : votre banque vous demandera de confirmer.
payment-text-method-saved = { $kind ->
        [card] Votre carte est enregistrée
       *[other] Votre compte { $method } est enregistré
    } : si l'objectif est atteint le { $deadline }, { $amount } sera débité à ce moment-là. Rien n'est débité avant.
payment-text-method-removed = { $kind ->
        [card] Votre carte n'est plus disponible. Enregistrez-en une autre,
       *[other] Votre compte { $method } n'est plus disponible. Enregistrez-le à nouveau,
    } ou passez à une facture QR, pour que votre promesse de { $amount } puisse être encaissée.
payment-text-method-pay = Votre promesse de { $amount } n'est pas encore payée : payez-la ci-dessous, ou passez à une facture QR.
payment-text-method-pending = { $kind ->
        [card] Votre carte n'est pas encore enregistrée : enregistrez-la ci-dessous
       *[other] Votre compte { $method } n'est pas encore enregistré : enregistrez-le ci-dessous
    } pour que votre promesse de { $amount } puisse être encaissée si l'objectif est atteint, ou passez à une facture QR.
payment-text-method-charging = { $kind ->
        [card] { $amount } est en cours de débit sur votre carte.
       *[other] { $amount } est en cours de débit sur votre compte { $method }.
    } Vous recevrez un reçu par email ; en cas d'échec, un lien pour payer autrement.
payment-save-method = { $kind ->
        [card] Enregistrer ma carte
       *[other] Enregistrer mon compte { $method }
    }
payment-pay-now = Payer { $outstanding } par { $method }
payment-switch-hint = Vous préférez un virement ? Vous recevrez une facture QR à la place.
payment-switch-submit = Payer plutôt par facture QR
payment-switched-to-bank = C'est fait : vous paierez par virement, avec une facture QR.
checkout-back-paid = Merci : votre paiement est bien reçu.
checkout-back-saved = { $kind ->
        [card] Merci : votre carte est enregistrée.
       *[other] Merci : votre compte { $method } est enregistré.
    }
checkout-back-waiting = Merci : nous attendons la confirmation du service de paiement. Rechargez cette page dans un instant.
checkout-back-left = Votre promesse est conservée. Vous pouvez terminer ci-dessous, ou payer par virement avec une facture QR.
mail-payment-errored-subject = Votre paiement pour « { $campaign } » n'a pas abouti
mail-payment-errored-body =
    Bonjour { $name },

    Le paiement de { $outstanding } pour votre promesse { $reference } à « { $campaign } » n'a pas abouti.

    Payez à nouveau, par carte ou TWINT, ou choisissez une facture QR, ici :
    { $pay_link }

    Nous vous le rappellerons tous les deux jours ; sans paiement d'ici une semaine, le moyen enregistré sera débité une dernière fois, puis la promesse sera retirée.

    { $campaign }
mail-payment-authenticate-subject = Merci de confirmer votre paiement pour « { $campaign } »
mail-payment-authenticate-body =
    Bonjour { $name },

    Votre banque vous demande de confirmer le paiement de { $outstanding } pour votre promesse { $reference } à « { $campaign } ».

    Confirmez-le ici (ou choisissez une facture QR) :
    { $pay_link }

    { $campaign }
mail-payment-errored-reminder-subject = Rappel : votre paiement pour « { $campaign } » manque encore
mail-payment-errored-reminder-body =
    Bonjour { $name },

    Le paiement de { $outstanding } pour votre promesse { $reference } n'a pas encore abouti.

    Payez ici, par carte, TWINT ou facture QR :
    { $pay_link }

    Sans paiement, la promesse sera retirée à la fin du délai.

    { $campaign }
mail-payment-method-lost-subject = Votre moyen de paiement pour « { $campaign } » n'est plus disponible
mail-payment-method-lost-body =
    Bonjour { $name },

    { $kind ->
        [card] La carte enregistrée
       *[other] Le compte { $method } enregistré
    } pour votre promesse { $reference } ({ $amount }) a été retiré : il ne peut plus être débité.

    Enregistrez un autre moyen de paiement, ou choisissez une facture QR, ici :
    { $link }

    { $campaign }
mail-payment-refunded-subject = Remboursement de votre promesse à « { $campaign } »
mail-payment-refunded-body =
    Bonjour { $name },

    Nous avons remboursé { $refunded } pour votre promesse { $reference }, sur le moyen de paiement utilisé. Le montant arrive sur votre compte d'ici quelques jours ouvrables.

    Votre promesse : { $link }

    { $campaign }
method-name-bank = virement
method-name-card = carte
method-name-twint = TWINT
team-cards-title = Cartes et TWINT
team-cards-trouble = Stripe était injoignable, ou a refusé la clé secrète, lors du dernier appel. Vérifiez BOBINE_STRIPE_SECRET_KEY et l'état de Stripe ; les débits attendent et seront retentés.
team-cards-method = Moyen de paiement
team-cards-pledges = Soutiens
team-cards-pledged = Promis
team-cards-errored-title = Débits échoués
team-cards-errored-hint = Le contributeur a reçu un lien pour payer à nouveau, et un rappel toutes les 48 heures ; après le délai de grâce, le moyen enregistré est débité une dernière fois, puis la promesse est retirée. Vous pouvez le débiter à nouveau maintenant, par exemple quand le contributeur dit que sa carte fonctionne à nouveau.
team-cards-errored-found = { $count ->
    [one] Un débit échoué.
   *[other] { $count } débits échoués (les { $listed } plus anciens sont affichés).
}
team-cards-errored-none = Aucun débit échoué.
team-cards-reason = Raison
team-cards-since = Depuis
team-cards-reminders = Rappels envoyés
team-cards-retry = Débiter à nouveau
team-cards-no-retry = Rien d'enregistré à débiter
team-cards-retried = La promesse { $reference } sera débitée à nouveau dans un instant.
error-retry-not-possible = Cette promesse ne peut pas être débitée à nouveau maintenant : elle est payée, n'a ni carte ni TWINT enregistré, ou son débit est déjà en cours.
charge-error-card_declined = carte refusée
charge-error-authentication_required = la banque demande au contributeur de confirmer
charge-error-no_method = aucune carte ni TWINT enregistré à la clôture
charge-error-expired_card = carte expirée
charge-error-insufficient_funds = fonds insuffisants
charge-error-unknown = Stripe n'a jamais répondu et n'a pas ce débit
dispute-reason-fraudulent = le titulaire dit ne pas l'avoir fait
dispute-reason-duplicate = débité deux fois, dit le titulaire
dispute-reason-unrecognized = le titulaire ne le reconnaît pas
dispute-reason-product_not_received = contrepartie non reçue, dit le titulaire
dispute-reason-credit_not_processed = un remboursement était attendu, dit le titulaire
dispute-reason-general = sans raison donnée
team-disputes-title = Contestations
team-disputes-hint = La banque d'un contributeur conteste ces paiements par carte. Répondez à chacune dans le tableau de bord de Stripe (Paiements → Litiges) avant l'échéance qu'il indique. L'argent ne quitte les chiffres que lorsque la banque le reprend, et revient si la contestation est gagnée.
team-disputes-found = { $count ->
    [one] Une contestation.
   *[other] { $count } contestations (les { $listed } plus récentes sont affichées).
}
team-disputes-none = Aucune contestation.
team-disputes-opened = Ouverte le
team-disputes-money = Argent
team-disputes-untouched = pas encore repris
team-disputes-withdrawn = repris par la banque
team-disputes-reinstated = rendu : contestation gagnée
error-charge-under-way = Un débit de cette promesse est en cours : attendez son résultat (quelques minutes au plus) avant de payer autrement.

## Sharing, badge, embed and posters
share-title = Partager
share-link-label = Adresse de cette page
share-copy = Copier le lien
share-copied = Lien copié.
share-copy-failed = La copie n'a pas marché : l'adresse est sélectionnée, copiez-la à la main.
share-email = E-mail
share-sheet = Partager…
badge-percent = { $percent } %
badge-title = { $name } : { $percent } % financé
embed-back = Soutenir cette campagne
embed-see = Voir la campagne
posters-title = Affiches
posters-intro = Une affiche pour une vitrine ou un panneau d'affichage : son code QR mène à la campagne avec une étiquette à vous, et le tableau de bord compte sous cette étiquette les promesses venues de l'affiche.
posters-tag = Étiquette
posters-tag-hint = Le lieu de l'affiche en quelques mots, comme boutique-carouge ; gardée en minuscules, avec des tirets.
posters-size = Format du papier
posters-size-a4 = A4 (210 × 297 mm)
posters-size-a5 = A5 (148 × 210 mm)
posters-submit = Préparer l'affiche
posters-print-hint = Imprimez cette page avec votre navigateur (Ctrl+P ou ⌘P) : seule l'affiche s'imprime, au format choisi.
posters-print = Imprimer
posters-scan = Scannez le code ou allez sur
posters-as-of = Chiffres au { $date }.
posters-qr-label = Code QR de l'adresse { $address }
posters-error-tag = Donnez une étiquette faite de lettres ou de chiffres, comme boutique-carouge.
posters-error-size = Choisissez le format A4 ou A5.
posters-error-long = Cette adresse est trop longue pour un code QR : raccourcissez l'étiquette.
posters-local-address = Les codes mènent à { $address }, l'adresse de cette machine, que les téléphones des passants n'atteignent pas : donnez l'adresse publique du site dans BOBINE_PUBLIC_URL avant d'imprimer.

# The campaign page's pictures, video and sections
sections-label = Sur cette page
designers-see-all = Voir toutes les créatrices et tous les créateurs
group-object = Objets
group-workshop = Ateliers
group-guided-tour = Parcours guidés
group-coaching = Coachings en ligne
group-meeting = Rencontres
video-play = Lire la vidéo « { $title } » ({ $site })
video-privacy = La vidéo se charge depuis { $site } quand vous la lancez, pas avant : ce site ne reçoit rien de vous tant que vous ne cliquez pas.
pledge-confirm-error-title = Votre promesse n'est pas encore confirmée

## Finding one's pledges again
footer-find = Retrouver ma promesse
footer-questions = Poser une question
find-title = Retrouver vos promesses
find-intro = Vous avez perdu l'email avec le lien de votre promesse ? Indiquez l'adresse avec laquelle vous avez promis : nous y envoyons le lien de chacune de vos promesses.
find-email-hint = L'adresse donnée en promettant. Nous n'écrivons qu'à elle.
find-submit = Recevoir mes liens
find-error-title = Vos liens n'ont pas été envoyés
find-sent-title = Regardez vos emails
find-sent-text = Si des promesses ont été faites avec cette adresse, leurs liens viennent d'y être envoyés. Rien reçu d'ici quelques minutes ? Regardez dans les courriels indésirables, ou essayez une autre adresse que vous utilisez.
mail-pledge-links-subject = Vos promesses pour « { $campaign } »
mail-pledge-links-body =
    Bonjour { $name },

    Vous avez demandé les liens de vos promesses pour « { $campaign } ». Les voici :

    { $pledges }

    Chaque lien est personnel : ne le transmettez pas. Si vous n'avez rien demandé, ignorez cet email ; personne d'autre ne l'a reçu.

    { $campaign }
mail-pledge-links-line =
    { $reference } · { $amount } · { $reward }{ $state }
    { $link }
mail-pledge-links-unconfirmed = {" "}(à confirmer)
mail-pledge-links-cancelled = {" "}(annulée)

mail-question-answered-subject = Votre question à « { $campaign } »
mail-question-answered-body =
    Bonjour { $name },

    Vous nous avez demandé :

    { $question }

    Notre réponse :

    { $answer }

    Pour une autre question : { $link }

    { $campaign }

mail-news-subject = { $campaign } : { $title }
mail-news-body =
    Bonjour { $name },

    { $title }

    { $text }

    À lire aussi en ligne : { $link }

    { $campaign }

    --
    Vous recevez les nouvelles de « { $campaign } » parce que vous la soutenez. Pour ne plus les recevoir, un clic suffit : { $unsubscribe }
    Les emails sur votre promesse et son paiement vous parviendront toujours.


## Questions
faq-title = Questions fréquentes
questions-title = Questions
questions-intro = Une question sur la campagne, une contrepartie ou les ateliers ? Lisez les questions fréquentes, ou posez la vôtre : l'équipe vous répond par email.
questions-ask = Poser une question
questions-message = Votre question
questions-message-hint = { $max } caractères au plus.
questions-email-hint = La réponse vous parviendra à cette adresse. Elle n'est jamais publiée.
questions-may-publish = L'équipe peut publier ma question et sa réponse dans les questions fréquentes, sans mon nom
questions-submit = Envoyer la question
questions-error-title = La question n'a pas été envoyée
questions-thanks-title = Merci pour votre question
questions-thanks-text = L'équipe l'a reçue et vous répondra par email, en général sous quelques jours.
questions-more = Toutes les questions, ou poser la vôtre
error-question-private = La personne n'a pas accepté que sa question soit publiée.
error-question-unanswered = Répondez d'abord à la question.

team-questions-title = Questions
team-questions-none = Aucune question pour l'instant.
team-question-title = Une question
team-question-new = À répondre
team-question-answered = Répondue
team-question-published = Dans la FAQ
team-question-open = Voir
team-question-answer = Répondre
team-question-answer-again = Répondre à nouveau
team-question-answer-sent = Réponse envoyée
team-question-answered-by = Le { $when }, par { $by }
team-question-answer-field = Votre réponse, envoyée par email à { $email }
team-question-send = Envoyer la réponse
team-question-sent = Réponse enregistrée et envoyée par email.
team-question-error-title = Rien n'a été envoyé
team-question-consent = Publication
team-question-consent-yes = La personne accepte que sa question et la réponse soient publiées, sans son nom.
team-question-consent-no = La personne n'a pas accepté de publication.
team-question-faq-hint = La personne accepte la publication : formulez la question et la réponse telles que tout le monde les lira (sans nom ni adresse).
team-question-in-faq = Cette question est dans la FAQ, telle qu'écrite ci-dessous.
team-question-faq-question = La question, pour la FAQ
team-question-faq-answer = La réponse, pour la FAQ (Markdown)
team-question-faq-publish = Publier dans la FAQ
team-question-faq-update = Mettre à jour la FAQ
team-question-faq-remove = Retirer de la FAQ
team-question-published-done = La question est dans la FAQ.
team-question-unpublished-done = La question n'est plus dans la FAQ.
team-work-questions = questions à répondre

## Personal data
data-title = Vos données
data-intro = Tout ce que le site garde sur vous (promesses, paiements, emails envoyés, questions) :
data-download = télécharger (JSON)
data-erase-title = Effacer mes données
data-erase-text = Votre nom, votre adresse email, votre nom affiché et votre adresse IP sont effacés partout ; vos promesses et leurs paiements restent, anonymes, comme la comptabilité l'exige. Vous ne recevrez plus aucun email du site, et ce lien privé ne montrera plus rien de vous.
data-erase-confirm = Je comprends que l'effacement est définitif
data-erase-submit = Effacer mes données
erased-title = Vos données sont effacées
erased-text = Le site ne garde plus votre nom ni votre adresse email. Merci d'avoir soutenu la campagne.
error-erase-confirm = Cochez la case pour confirmer l'effacement.
error-erase-open-pledge = Une promesse compte encore dans la campagne en cours : annulez-la d'abord, ou attendez la fin de la campagne.
error-erase-money-owed = Une facture attend encore son paiement : l'effacement sera possible une fois payée ou abandonnée.
error-erase-refund-due = De l'argent doit encore vous être remboursé : l'effacement sera possible une fois le remboursement fait.
team-people-title = Personnes
team-people-intro = Pour une personne qui demande ses données ou leur effacement : trouvez ce que le site garde à son adresse email, envoyez-lui l'export, ou effacez tout.
team-people-find = Chercher
team-people-error-title = Rien n'a été trouvé
team-people-pledges = { $count } promesse(s)
team-people-emails = { $count } email(s) envoyé(s)
team-people-questions = { $count } question(s)
team-people-offers = { $count } offre(s) d'aide
team-people-designers = { $count } profil(s) de créatrice ou créateur
team-people-export = Télécharger l'export (JSON)
team-people-erase-text = Nom, adresse email, téléphone, adresse IP, textes et photo de cette personne sont effacés partout ; les promesses et les paiements restent, anonymes. C'est définitif.
team-people-erase = Effacer les données de cette personne
team-people-erased = Les données de cette personne sont effacées.

## Unsubscribe
unsubscribe-title = Les nouvelles par email
unsubscribe-receives = { $address } reçoit les nouvelles de « { $campaign } » par email.
unsubscribe-not-receiving = { $address } ne reçoit plus les nouvelles de « { $campaign } » par email.
unsubscribe-leave = Ne plus recevoir les nouvelles
unsubscribe-again = Recevoir à nouveau les nouvelles
unsubscribe-left = C'est fait : vous ne recevrez plus de nouvelles par email.
unsubscribe-back = C'est fait : vous recevrez à nouveau les nouvelles par email.
unsubscribe-money = Les emails sur votre promesse et son paiement (facture, rappel, reçu, résultat) vous parviennent dans tous les cas.
pledge-news-on = Vous recevez les nouvelles de la campagne par email, à { $email }.
pledge-news-off = Vous ne recevez pas les nouvelles de la campagne par email. Vous pouvez toujours les lire ici.
## News
news-title = Nouvelles
news-intro = Ce que l'équipe raconte de la campagne, des ateliers et des créatrices et créateurs.
news-feed = S'abonner au flux Atom
news-none = Pas encore de nouvelles : revenez bientôt.
news-all = Toutes les nouvelles
news-more = Toutes les nouvelles
news-back-to-pledge = Retour à ma promesse
news-for-backers = Pour les contributrices et contributeurs
news-backer-title = Nouvelles pour vous
news-team-title = Nouvelles
news-team-edit-title = Une nouvelle
news-team-intro = Écrivez une nouvelle, relisez-la, puis publiez-la maintenant ou à l'heure choisie.
news-team-none = Aucune nouvelle pour l'instant.
news-write = Écrire une nouvelle
news-edit = Modifier
news-preview = Aperçu
news-saved = Nouvelle enregistrée.
news-read = Lire
news-optional = facultatif
news-field-title = Titre
news-field-body = Texte
news-body-hint = En Markdown : **gras**, *italique*, [lien](https://…), listes avec « - », intertitres avec « ## ». Images : seulement celles du site (/media/…).
news-field-audience = Pour qui ?
news-field-rewards = Contreparties concernées (pour « les contributeurs de certaines contreparties »)
news-save = Enregistrer le brouillon
news-error-title = La nouvelle n'a pas été enregistrée
news-publish-when = Publier
news-publish-now = Maintenant
news-publish-later = À l'heure choisie
news-publish-at = Date et heure ({ $zone })
news-publish = Publier
news-publish-email = Envoyer aussi par email aux contributrices et contributeurs concernés qui veulent des nouvelles
team-news-mail-title = Nouvelles envoyées par email
news-mailing-off = Pas envoyée par email
news-mailing-pending = Envoyée par email dès sa publication
news-mailing-sending = Envoi en cours · préparés : { $stored } · envoyés : { $sent } · en attente : { $waiting }
news-mailing-done = Par email · envoyés : { $sent } · en attente : { $waiting } · en échec : { $failed }
news-audience-public = Tout le monde
news-audience-backers = Les contributrices et contributeurs
news-audience-rewards = Les contributrices et contributeurs de certaines contreparties
news-standing-draft = Brouillon
news-standing-scheduled = Programmée pour le { $when }
news-standing-out = Publiée le { $when }
error-news-title-missing = Donnez aussi un titre dans cette langue, ou laissez-la vide.
error-news-body-missing = Donnez aussi un texte dans cette langue, ou laissez-la vide.
error-news-audience = Choisissez pour qui est cette nouvelle.
error-news-reward-unknown = Une des contreparties choisies n'existe pas.
error-news-rewards-none = Choisissez au moins une contrepartie.
error-news-already-out = Cette nouvelle est déjà publiée.
error-news-time = Donnez une date et une heure, par exemple 2027-03-01 09:00.
