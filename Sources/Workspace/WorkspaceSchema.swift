import GRDB

/// The workspace's schema, created and upgraded by GRDB's DatabaseMigrator. Migrations are
/// forward-only and never edited once released: a change is a new migration appended here.
enum WorkspaceSchema {
    /// `PRAGMA application_id` of every workspace ("ASHW"), so that another SQLite file is
    /// recognised as not a workspace before anything is written to it.
    static let applicationID: Int32 = 0x4153_4857

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-senders-audit") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE tenant (
                        id INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY,
                        tenantId INTEGER NOT NULL REFERENCES tenant(id),
                        inputsDigest TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        importedAt TEXT NOT NULL,
                        asOf TEXT NOT NULL,
                        defaultChangeDate TEXT NOT NULL,
                        generatedBy TEXT NOT NULL,
                        assumption TEXT NOT NULL,
                        timelineJSON TEXT NOT NULL,
                        tenantSettingsJSON TEXT NOT NULL,
                        unknownsJSON TEXT NOT NULL,
                        hasExceptions INTEGER NOT NULL,
                        hasScripts INTEGER NOT NULL,
                        senderCount INTEGER NOT NULL,
                        mailboxCount INTEGER NOT NULL,
                        basicSenders INTEGER NOT NULL,
                        breakingSenders INTEGER NOT NULL,
                        failingSenders INTEGER NOT NULL,
                        exceptionCount INTEGER NOT NULL,
                        blockersByRingJSON TEXT NOT NULL,
                        UNIQUE (tenantId, inputsDigest)
                    );
                    CREATE INDEX run_tenant_asOf ON run(tenantId, asOf);
                    CREATE TABLE runInput (
                        runId INTEGER NOT NULL REFERENCES run(id),
                        position INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        rows INTEGER NOT NULL,
                        sha256 TEXT,
                        PRIMARY KEY (runId, position)
                    );
                    CREATE TABLE sender (
                        id INTEGER PRIMARY KEY,
                        tenantId INTEGER NOT NULL REFERENCES tenant(id),
                        address TEXT NOT NULL,
                        system TEXT NOT NULL,
                        state TEXT NOT NULL,
                        stateSince TEXT NOT NULL,
                        cleanSince TEXT,
                        owner TEXT,
                        path TEXT,
                        cutoverDate TEXT,
                        ticket TEXT,
                        note TEXT,
                        firstRunId INTEGER NOT NULL REFERENCES run(id),
                        lastRunId INTEGER NOT NULL REFERENCES run(id),
                        lastAsOf TEXT NOT NULL,
                        lastAuth TEXT NOT NULL,
                        lastBasic INTEGER NOT NULL,
                        lastBreaks INTEGER NOT NULL,
                        lastRing TEXT,
                        lastRecommendedPath TEXT NOT NULL,
                        UNIQUE (tenantId, address, system)
                    );
                    CREATE INDEX sender_state ON sender(tenantId, state);
                    CREATE TABLE runSender (
                        runId INTEGER NOT NULL REFERENCES run(id),
                        senderId INTEGER NOT NULL REFERENCES sender(id),
                        position INTEGER NOT NULL,
                        currentAuth TEXT NOT NULL,
                        basic INTEGER NOT NULL,
                        breaks INTEGER NOT NULL,
                        failing INTEGER NOT NULL,
                        ring TEXT,
                        recommendedPath TEXT NOT NULL,
                        rowJSON TEXT NOT NULL,
                        PRIMARY KEY (runId, senderId)
                    );
                    CREATE INDEX runSender_sender ON runSender(senderId);
                    CREATE TABLE mailboxVersion (
                        id INTEGER PRIMARY KEY,
                        digest TEXT NOT NULL UNIQUE,
                        rowJSON TEXT NOT NULL
                    );
                    CREATE TABLE runMailbox (
                        runId INTEGER NOT NULL REFERENCES run(id),
                        position INTEGER NOT NULL,
                        address TEXT NOT NULL,
                        versionId INTEGER NOT NULL REFERENCES mailboxVersion(id),
                        PRIMARY KEY (runId, position)
                    );
                    CREATE INDEX runMailbox_address ON runMailbox(runId, address);
                    CREATE TABLE runRecord (
                        runId INTEGER NOT NULL REFERENCES run(id),
                        section TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        rowJSON TEXT NOT NULL,
                        PRIMARY KEY (runId, section, position)
                    );
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY,
                        tenantId INTEGER NOT NULL REFERENCES tenant(id),
                        senderId INTEGER NOT NULL REFERENCES sender(id),
                        at TEXT NOT NULL,
                        byWhom TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        field TEXT NOT NULL,
                        oldValue TEXT,
                        newValue TEXT,
                        runId INTEGER REFERENCES run(id),
                        reason TEXT
                    );
                    CREATE INDEX audit_sender ON audit(senderId, id);
                    """)
        }
        return migrator
    }
}
