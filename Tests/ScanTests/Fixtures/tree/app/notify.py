import smtplib
s = smtplib.SMTP("smtp.office365.com", 587)
s.starttls()
s.login(USER, PASSWORD)
