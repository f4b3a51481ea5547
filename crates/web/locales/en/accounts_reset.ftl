## “Forgot password”
reset-forgot-link = Forgot your password?
reset-forgot-title = Forgot your password
reset-forgot-intro = Enter your account’s e-mail address: we will send a link there to choose a new password.
reset-forgot-submit = Send me a link
reset-forgot-no-mail = This site does not send e-mail. Ask a coordinator or your grouping’s administration for a one-time password.
reset-forgot-sent = If an active account matches this address, a link to choose a new password has just been sent to it.
reset-forgot-sent-hint = The link is valid for one hour and works once. Check your spam folder too.
reset-back-to-login = Back to sign-in
reset-title = Choose a new password
reset-new = New password
reset-confirm = Confirm the new password
reset-submit = Save the password
reset-invalid = This link is no longer valid: it was already used or it has expired. Ask for a new one.
reset-ask-again = Ask for a new link
reset-mail-subject = maillage — choose a new password
reset-mail-body =
    Hello { $name },

    To choose a new password, open this link within the next { $minutes } minutes:
    { $link }

    The link works once. If you did not ask for it, ignore this message: your password does not change.

    — maillage
flash-password-reset = Your password was changed. Sign in with the new one.
