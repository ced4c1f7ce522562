/// The page chrome every HTML page shares: navigation, who is signed in, the one stylesheet
/// and the one script (both served by this binary; nothing is fetched from elsewhere).
enum Layout {
    static let sections: [(path: String, title: String)] = [
        ("/", "Overview"), ("/senders", "Senders"), ("/mailboxes", "Mailboxes"), ("/exceptions", "Exceptions"),
        ("/rings", "Rings"), ("/automation", "Automation"), ("/scripts", "Scripts"), ("/audit", "Audit"),
    ]

    static func page(title: String, session: DashboardSession?, body: HTML) -> HTML {
        let nav = sections.map { HTML("<a href=\"\($0.path)\">\($0.title)</a>") }.joined()
        var who: HTML = ""
        if let session {
            who = """
                <span class="who">\(session.user.name) (\(session.user.role.rawValue))
                <form method="post" action="/signout" class="signout"><input type="hidden" name="csrf" value="\(session.csrfToken)">\
                <button type="submit">Sign out</button></form></span>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · authshift</title>
            <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/dashboard.js" defer></script>
            </head><body>
            <header class="top"><strong>authshift</strong><nav>\(nav)</nav>\(who)</header>
            <main><h1>\(title)</h1>
            \(body)
            </main></body></html>
            """
    }
}
