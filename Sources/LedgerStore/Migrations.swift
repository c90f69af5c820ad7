import GRDB

/// The schema. Shipped migrations are frozen: change the schema only by adding `v2`, `v3`, …
/// Migrations use SQL only, never app types, so old databases upgrade the same way forever.
enum Migrations {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
            CREATE TABLE community (
                code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
                name TEXT NOT NULL,
                street TEXT NOT NULL,
                district TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('社区', '街道')),
                labour_force INTEGER NOT NULL CHECK (labour_force >= 0),
                period_start TEXT NOT NULL,
                period_end TEXT NOT NULL CHECK (period_end >= period_start),
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE checklist_answer (
                community_code TEXT NOT NULL REFERENCES community(code) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                points_hundredths INTEGER NOT NULL CHECK (points_hundredths >= 0),
                PRIMARY KEY (community_code, item_id)
            );
            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                community_code TEXT NOT NULL REFERENCES community(code),
                name TEXT NOT NULL,
                id_number TEXT NOT NULL CHECK (length(id_number) = 18),
                gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
                birth_date TEXT NOT NULL,
                ethnicity TEXT,
                education TEXT NOT NULL,
                hukou TEXT NOT NULL,
                phone TEXT NOT NULL,
                address TEXT,
                categories TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('有创业意愿', '已创业')),
                survey_date TEXT NOT NULL,
                project TEXT,
                industry TEXT,
                needs TEXT NOT NULL DEFAULT '',
                in_training_scope INTEGER NOT NULL,
                trained INTEGER NOT NULL,
                training_type TEXT,
                training_end TEXT,
                training_passed INTEGER NOT NULL,
                certificate_no TEXT,
                entity_name TEXT,
                entity_type TEXT,
                credit_code TEXT,
                license_date TEXT,
                jobs_created INTEGER NOT NULL CHECK (jobs_created >= 0),
                subsidy_first_eligible INTEGER NOT NULL,
                subsidy_first_received INTEGER NOT NULL,
                subsidy_reward_eligible INTEGER NOT NULL,
                subsidy_reward_received INTEGER NOT NULL,
                subsidy_jobs_eligible INTEGER NOT NULL,
                subsidy_jobs_received INTEGER NOT NULL,
                loan_fen INTEGER CHECK (loan_fen IS NULL OR loan_fen BETWEEN 0 AND 300000000),
                remarks TEXT,
                pinyin TEXT NOT NULL,
                services_in_period INTEGER NOT NULL DEFAULT 0,
                m_registered INTEGER NOT NULL DEFAULT 0,
                m_participants INTEGER NOT NULL DEFAULT 0,
                m_entrepreneurs INTEGER NOT NULL DEFAULT 0,
                m_entrepreneur_jobs INTEGER NOT NULL DEFAULT 0,
                m_in_scope INTEGER NOT NULL DEFAULT 0,
                m_in_scope_trained INTEGER NOT NULL DEFAULT 0,
                m_trained INTEGER NOT NULL DEFAULT 0,
                m_passed INTEGER NOT NULL DEFAULT 0,
                m_post_training_base INTEGER NOT NULL DEFAULT 0,
                m_post_training_started INTEGER NOT NULL DEFAULT 0,
                m_service_targets INTEGER NOT NULL DEFAULT 0,
                m_served_twice INTEGER NOT NULL DEFAULT 0,
                m_served INTEGER NOT NULL DEFAULT 0,
                m_subsidy_first_eligible INTEGER NOT NULL DEFAULT 0,
                m_subsidy_first_received INTEGER NOT NULL DEFAULT 0,
                m_subsidy_reward_eligible INTEGER NOT NULL DEFAULT 0,
                m_subsidy_reward_received INTEGER NOT NULL DEFAULT 0,
                m_subsidy_jobs_eligible INTEGER NOT NULL DEFAULT 0,
                m_subsidy_jobs_received INTEGER NOT NULL DEFAULT 0,
                error_count INTEGER NOT NULL DEFAULT 0,
                warning_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                deleted_at TEXT,
                deleted_reason TEXT
            );
            CREATE UNIQUE INDEX person_unique_id_number ON person(community_code, id_number) WHERE deleted_at IS NULL;
            CREATE INDEX person_by_id_number ON person(id_number);
            CREATE INDEX person_by_pinyin ON person(community_code, pinyin);
            CREATE INDEX person_by_name ON person(community_code, name);

            CREATE TABLE service (
                id INTEGER PRIMARY KEY,
                community_code TEXT NOT NULL REFERENCES community(code),
                person_id INTEGER NOT NULL REFERENCES person(id),
                service_date TEXT NOT NULL,
                id_number TEXT NOT NULL,
                name TEXT NOT NULL,
                service_type TEXT NOT NULL,
                method TEXT NOT NULL,
                content TEXT NOT NULL,
                result TEXT,
                staff TEXT NOT NULL,
                remarks TEXT,
                error_count INTEGER NOT NULL DEFAULT 0,
                warning_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                deleted_at TEXT,
                deleted_reason TEXT
            );
            CREATE INDEX service_by_person ON service(person_id, service_date);
            CREATE INDEX service_by_community ON service(community_code, service_date);

            CREATE TABLE activity (
                id INTEGER PRIMARY KEY,
                community_code TEXT NOT NULL REFERENCES community(code),
                date TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('宣传活动', '创业典型', '推荐入园')),
                title TEXT NOT NULL,
                participants INTEGER,
                person_id_number TEXT,
                story TEXT,
                target TEXT,
                evidence TEXT,
                m_publicity INTEGER NOT NULL DEFAULT 0,
                m_role_models INTEGER NOT NULL DEFAULT 0,
                m_incubation INTEGER NOT NULL DEFAULT 0,
                error_count INTEGER NOT NULL DEFAULT 0,
                warning_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                deleted_at TEXT,
                deleted_reason TEXT
            );
            CREATE INDEX activity_by_community ON activity(community_code, date);

            CREATE TABLE accepted_warning (
                record_table TEXT NOT NULL CHECK (record_table IN ('person', 'service', 'activity')),
                record_id INTEGER NOT NULL,
                code TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                operator TEXT NOT NULL,
                accepted_at TEXT NOT NULL,
                PRIMARY KEY (record_table, record_id, code)
            );

            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                community_code TEXT NOT NULL,
                record_table TEXT NOT NULL,
                record_id TEXT NOT NULL,
                action TEXT NOT NULL,
                changes TEXT NOT NULL
            );
            CREATE INDEX audit_by_record ON audit(record_table, record_id);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            """)
        }
        migrator.registerMigration("v2") { db in
            // One form in progress per operator, autosaved on every change, offered back at the next start.
            try db.execute(sql: """
            CREATE TABLE draft (
                operator TEXT PRIMARY KEY NOT NULL,
                content TEXT NOT NULL,
                saved_at TEXT NOT NULL
            );
            """)
        }
        return migrator
    }
}
