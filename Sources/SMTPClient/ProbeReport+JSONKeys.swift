import AuthShiftCore

// `authshift probe --format json` writes every key, `null` where unknown
// (docs/schemas/probe.schema.json, NullWritingKey).

extension ProbeReport {
    enum CodingKeys: String, NullWritingKey {
        case schema, target, tls, quitAfter, authentication, stages, capabilities, transcript, exitStatus, exitMeaning, explanation
    }
}

extension ProbeReport.Authentication {
    enum CodingKeys: String, NullWritingKey { case mechanism, user, tokenSource, tokenEndpoint }
}
