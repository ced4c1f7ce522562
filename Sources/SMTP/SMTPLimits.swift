/// The size limits and timeouts of RFC 5321 §4.5.3, in one place, so every reader of SMTP
/// bytes (the probe's reply decoder, the bridge's command decoder) enforces the same numbers
/// and can name the section it enforces.
public enum SMTPLimits {
    /// RFC 5321 §4.5.3.1.4: "The maximum total length of a command line including the command
    /// word and the <CRLF> is 512 octets."
    public static let commandLine = 512
    /// RFC 5321 §4.5.3.1.5: "The maximum total length of a reply line including the reply code
    /// and the <CRLF> is 512 octets."
    public static let replyLine = 512
    /// RFC 5321 §4.5.3.1.6: "The maximum total length of a text line including the <CRLF> is
    /// 1000 octets (not counting the leading dot duplicated for transparency)."
    public static let textLine = 1000
    /// RFC 5321 §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is
    /// 100 recipients."
    public static let minimumRecipients = 100
    /// RFC 4954 §4: an AUTH command line, with its initial response, may be up to 12288 octets;
    /// continuation lines of a SASL exchange are bounded the same way (XOAUTH2 tokens are long).
    public static let authLine = 12_288
    /// No RFC bounds the number of lines in a multi-line reply; EHLO answers have about a dozen.
    /// The probe stops reading a reply after this many lines rather than buffer without end.
    public static let replyLines = 256

    /// RFC 5321 §4.5.3.2 timeouts, in seconds, that authshift applies. (The others, 5 minutes for
    /// the greeting, MAIL and RCPT, 2 for DATA initiation and 3 per data block, are longer than
    /// the probe's `--timeout` and the bridge's upstream `timeoutSeconds`, which bound them.)
    public enum Timeout {
        /// §4.5.3.2.6 DATA Termination: 10 minutes.
        public static let dataTermination = 600
        /// §4.5.3.2.7 Server Timeout: a server waits at least 5 minutes for the next command.
        public static let server = 300
    }
}
