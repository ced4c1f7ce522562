import AuthShiftCore

// The probe's and `explain`'s JSON (docs/schemas/probe.schema.json, explain) write every key,
// `null` where unknown (see NullWritingKey). Kept apart from the types so the fuzz targets,
// which compile the protocol files alone, need no other module.

extension StageResult {
    enum CodingKeys: String, NullWritingKey { case stage, status, reply, detail }
}

extension ReplyExplanation {
    enum CodingKeys: String, NullWritingKey { case reply, known, generic }
}

extension SMTPReply {
    enum CodingKeys: String, NullWritingKey { case code, enhanced, text, server, timestamp }
}
