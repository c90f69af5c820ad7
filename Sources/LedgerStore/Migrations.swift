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
        // Immediate foreign-key checks: the default deferred check scans every table (14 s on a district database).
        migrator.registerMigration("v2", foreignKeyChecks: .immediate) { db in
            // One form in progress per operator, autosaved on every change, offered back at the next start.
            try db.execute(sql: """
            CREATE TABLE draft (
                operator TEXT PRIMARY KEY NOT NULL,
                content TEXT NOT NULL,
                saved_at TEXT NOT NULL
            );
            """)
        }
        migrator.registerMigration("v3", foreignKeyChecks: .immediate) { db in
            // Score figures per community, kept by triggers in the same transaction as every change, so a score
            // (one community or a whole district) reads one row per community instead of scanning the registers.
            try db.execute(sql: """
            CREATE TABLE community_totals (
                community_code TEXT PRIMARY KEY NOT NULL REFERENCES community(code) ON DELETE CASCADE,
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
                m_publicity INTEGER NOT NULL DEFAULT 0,
                m_role_models INTEGER NOT NULL DEFAULT 0,
                m_incubation INTEGER NOT NULL DEFAULT 0,
                error_records INTEGER NOT NULL DEFAULT 0,
                warning_records INTEGER NOT NULL DEFAULT 0
            );
            CREATE TRIGGER community_totals_row AFTER INSERT ON community BEGIN
                INSERT INTO community_totals (community_code) VALUES (NEW.code);
            END;
            INSERT INTO community_totals (community_code) SELECT code FROM community;
            CREATE TRIGGER person_totals_insert AFTER INSERT ON person WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET m_registered = m_registered + NEW.m_registered, m_participants = m_participants + NEW.m_participants, m_entrepreneurs = m_entrepreneurs + NEW.m_entrepreneurs, m_entrepreneur_jobs = m_entrepreneur_jobs + NEW.m_entrepreneur_jobs, m_in_scope = m_in_scope + NEW.m_in_scope, m_in_scope_trained = m_in_scope_trained + NEW.m_in_scope_trained, m_trained = m_trained + NEW.m_trained, m_passed = m_passed + NEW.m_passed, m_post_training_base = m_post_training_base + NEW.m_post_training_base, m_post_training_started = m_post_training_started + NEW.m_post_training_started, m_service_targets = m_service_targets + NEW.m_service_targets, m_served_twice = m_served_twice + NEW.m_served_twice, m_served = m_served + NEW.m_served, m_subsidy_first_eligible = m_subsidy_first_eligible + NEW.m_subsidy_first_eligible, m_subsidy_first_received = m_subsidy_first_received + NEW.m_subsidy_first_received, m_subsidy_reward_eligible = m_subsidy_reward_eligible + NEW.m_subsidy_reward_eligible, m_subsidy_reward_received = m_subsidy_reward_received + NEW.m_subsidy_reward_received, m_subsidy_jobs_eligible = m_subsidy_jobs_eligible + NEW.m_subsidy_jobs_eligible, m_subsidy_jobs_received = m_subsidy_jobs_received + NEW.m_subsidy_jobs_received, error_records = error_records + (NEW.error_count > 0), warning_records = warning_records + (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER person_totals_delete AFTER DELETE ON person WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET m_registered = m_registered - OLD.m_registered, m_participants = m_participants - OLD.m_participants, m_entrepreneurs = m_entrepreneurs - OLD.m_entrepreneurs, m_entrepreneur_jobs = m_entrepreneur_jobs - OLD.m_entrepreneur_jobs, m_in_scope = m_in_scope - OLD.m_in_scope, m_in_scope_trained = m_in_scope_trained - OLD.m_in_scope_trained, m_trained = m_trained - OLD.m_trained, m_passed = m_passed - OLD.m_passed, m_post_training_base = m_post_training_base - OLD.m_post_training_base, m_post_training_started = m_post_training_started - OLD.m_post_training_started, m_service_targets = m_service_targets - OLD.m_service_targets, m_served_twice = m_served_twice - OLD.m_served_twice, m_served = m_served - OLD.m_served, m_subsidy_first_eligible = m_subsidy_first_eligible - OLD.m_subsidy_first_eligible, m_subsidy_first_received = m_subsidy_first_received - OLD.m_subsidy_first_received, m_subsidy_reward_eligible = m_subsidy_reward_eligible - OLD.m_subsidy_reward_eligible, m_subsidy_reward_received = m_subsidy_reward_received - OLD.m_subsidy_reward_received, m_subsidy_jobs_eligible = m_subsidy_jobs_eligible - OLD.m_subsidy_jobs_eligible, m_subsidy_jobs_received = m_subsidy_jobs_received - OLD.m_subsidy_jobs_received, error_records = error_records - (OLD.error_count > 0), warning_records = warning_records - (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER person_totals_update AFTER UPDATE ON person BEGIN
                UPDATE community_totals SET m_registered = m_registered - (OLD.deleted_at IS NULL) * OLD.m_registered, m_participants = m_participants - (OLD.deleted_at IS NULL) * OLD.m_participants, m_entrepreneurs = m_entrepreneurs - (OLD.deleted_at IS NULL) * OLD.m_entrepreneurs, m_entrepreneur_jobs = m_entrepreneur_jobs - (OLD.deleted_at IS NULL) * OLD.m_entrepreneur_jobs, m_in_scope = m_in_scope - (OLD.deleted_at IS NULL) * OLD.m_in_scope, m_in_scope_trained = m_in_scope_trained - (OLD.deleted_at IS NULL) * OLD.m_in_scope_trained, m_trained = m_trained - (OLD.deleted_at IS NULL) * OLD.m_trained, m_passed = m_passed - (OLD.deleted_at IS NULL) * OLD.m_passed, m_post_training_base = m_post_training_base - (OLD.deleted_at IS NULL) * OLD.m_post_training_base, m_post_training_started = m_post_training_started - (OLD.deleted_at IS NULL) * OLD.m_post_training_started, m_service_targets = m_service_targets - (OLD.deleted_at IS NULL) * OLD.m_service_targets, m_served_twice = m_served_twice - (OLD.deleted_at IS NULL) * OLD.m_served_twice, m_served = m_served - (OLD.deleted_at IS NULL) * OLD.m_served, m_subsidy_first_eligible = m_subsidy_first_eligible - (OLD.deleted_at IS NULL) * OLD.m_subsidy_first_eligible, m_subsidy_first_received = m_subsidy_first_received - (OLD.deleted_at IS NULL) * OLD.m_subsidy_first_received, m_subsidy_reward_eligible = m_subsidy_reward_eligible - (OLD.deleted_at IS NULL) * OLD.m_subsidy_reward_eligible, m_subsidy_reward_received = m_subsidy_reward_received - (OLD.deleted_at IS NULL) * OLD.m_subsidy_reward_received, m_subsidy_jobs_eligible = m_subsidy_jobs_eligible - (OLD.deleted_at IS NULL) * OLD.m_subsidy_jobs_eligible, m_subsidy_jobs_received = m_subsidy_jobs_received - (OLD.deleted_at IS NULL) * OLD.m_subsidy_jobs_received, error_records = error_records - (OLD.deleted_at IS NULL) * (OLD.error_count > 0), warning_records = warning_records - (OLD.deleted_at IS NULL) * (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
                UPDATE community_totals SET m_registered = m_registered + (NEW.deleted_at IS NULL) * NEW.m_registered, m_participants = m_participants + (NEW.deleted_at IS NULL) * NEW.m_participants, m_entrepreneurs = m_entrepreneurs + (NEW.deleted_at IS NULL) * NEW.m_entrepreneurs, m_entrepreneur_jobs = m_entrepreneur_jobs + (NEW.deleted_at IS NULL) * NEW.m_entrepreneur_jobs, m_in_scope = m_in_scope + (NEW.deleted_at IS NULL) * NEW.m_in_scope, m_in_scope_trained = m_in_scope_trained + (NEW.deleted_at IS NULL) * NEW.m_in_scope_trained, m_trained = m_trained + (NEW.deleted_at IS NULL) * NEW.m_trained, m_passed = m_passed + (NEW.deleted_at IS NULL) * NEW.m_passed, m_post_training_base = m_post_training_base + (NEW.deleted_at IS NULL) * NEW.m_post_training_base, m_post_training_started = m_post_training_started + (NEW.deleted_at IS NULL) * NEW.m_post_training_started, m_service_targets = m_service_targets + (NEW.deleted_at IS NULL) * NEW.m_service_targets, m_served_twice = m_served_twice + (NEW.deleted_at IS NULL) * NEW.m_served_twice, m_served = m_served + (NEW.deleted_at IS NULL) * NEW.m_served, m_subsidy_first_eligible = m_subsidy_first_eligible + (NEW.deleted_at IS NULL) * NEW.m_subsidy_first_eligible, m_subsidy_first_received = m_subsidy_first_received + (NEW.deleted_at IS NULL) * NEW.m_subsidy_first_received, m_subsidy_reward_eligible = m_subsidy_reward_eligible + (NEW.deleted_at IS NULL) * NEW.m_subsidy_reward_eligible, m_subsidy_reward_received = m_subsidy_reward_received + (NEW.deleted_at IS NULL) * NEW.m_subsidy_reward_received, m_subsidy_jobs_eligible = m_subsidy_jobs_eligible + (NEW.deleted_at IS NULL) * NEW.m_subsidy_jobs_eligible, m_subsidy_jobs_received = m_subsidy_jobs_received + (NEW.deleted_at IS NULL) * NEW.m_subsidy_jobs_received, error_records = error_records + (NEW.deleted_at IS NULL) * (NEW.error_count > 0), warning_records = warning_records + (NEW.deleted_at IS NULL) * (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET m_registered = m_registered + (SELECT COALESCE(SUM(m_registered), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_participants = m_participants + (SELECT COALESCE(SUM(m_participants), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_entrepreneurs = m_entrepreneurs + (SELECT COALESCE(SUM(m_entrepreneurs), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_entrepreneur_jobs = m_entrepreneur_jobs + (SELECT COALESCE(SUM(m_entrepreneur_jobs), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_in_scope = m_in_scope + (SELECT COALESCE(SUM(m_in_scope), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_in_scope_trained = m_in_scope_trained + (SELECT COALESCE(SUM(m_in_scope_trained), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_trained = m_trained + (SELECT COALESCE(SUM(m_trained), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_passed = m_passed + (SELECT COALESCE(SUM(m_passed), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_post_training_base = m_post_training_base + (SELECT COALESCE(SUM(m_post_training_base), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_post_training_started = m_post_training_started + (SELECT COALESCE(SUM(m_post_training_started), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_service_targets = m_service_targets + (SELECT COALESCE(SUM(m_service_targets), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_served_twice = m_served_twice + (SELECT COALESCE(SUM(m_served_twice), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_served = m_served + (SELECT COALESCE(SUM(m_served), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_first_eligible = m_subsidy_first_eligible + (SELECT COALESCE(SUM(m_subsidy_first_eligible), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_first_received = m_subsidy_first_received + (SELECT COALESCE(SUM(m_subsidy_first_received), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_reward_eligible = m_subsidy_reward_eligible + (SELECT COALESCE(SUM(m_subsidy_reward_eligible), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_reward_received = m_subsidy_reward_received + (SELECT COALESCE(SUM(m_subsidy_reward_received), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_jobs_eligible = m_subsidy_jobs_eligible + (SELECT COALESCE(SUM(m_subsidy_jobs_eligible), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_subsidy_jobs_received = m_subsidy_jobs_received + (SELECT COALESCE(SUM(m_subsidy_jobs_received), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), error_records = error_records + (SELECT COALESCE(SUM((error_count > 0)), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), warning_records = warning_records + (SELECT COALESCE(SUM((error_count = 0 AND warning_count > 0)), 0) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            CREATE TRIGGER service_totals_insert AFTER INSERT ON service WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET error_records = error_records + (NEW.error_count > 0), warning_records = warning_records + (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER service_totals_delete AFTER DELETE ON service WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET error_records = error_records - (OLD.error_count > 0), warning_records = warning_records - (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER service_totals_update AFTER UPDATE ON service BEGIN
                UPDATE community_totals SET error_records = error_records - (OLD.deleted_at IS NULL) * (OLD.error_count > 0), warning_records = warning_records - (OLD.deleted_at IS NULL) * (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
                UPDATE community_totals SET error_records = error_records + (NEW.deleted_at IS NULL) * (NEW.error_count > 0), warning_records = warning_records + (NEW.deleted_at IS NULL) * (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET error_records = error_records + (SELECT COALESCE(SUM((error_count > 0)), 0) FROM service X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), warning_records = warning_records + (SELECT COALESCE(SUM((error_count = 0 AND warning_count > 0)), 0) FROM service X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            CREATE TRIGGER activity_totals_insert AFTER INSERT ON activity WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET m_publicity = m_publicity + NEW.m_publicity, m_role_models = m_role_models + NEW.m_role_models, m_incubation = m_incubation + NEW.m_incubation, error_records = error_records + (NEW.error_count > 0), warning_records = warning_records + (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER activity_totals_delete AFTER DELETE ON activity WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET m_publicity = m_publicity - OLD.m_publicity, m_role_models = m_role_models - OLD.m_role_models, m_incubation = m_incubation - OLD.m_incubation, error_records = error_records - (OLD.error_count > 0), warning_records = warning_records - (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER activity_totals_update AFTER UPDATE ON activity BEGIN
                UPDATE community_totals SET m_publicity = m_publicity - (OLD.deleted_at IS NULL) * OLD.m_publicity, m_role_models = m_role_models - (OLD.deleted_at IS NULL) * OLD.m_role_models, m_incubation = m_incubation - (OLD.deleted_at IS NULL) * OLD.m_incubation, error_records = error_records - (OLD.deleted_at IS NULL) * (OLD.error_count > 0), warning_records = warning_records - (OLD.deleted_at IS NULL) * (OLD.error_count = 0 AND OLD.warning_count > 0)
                WHERE community_code = OLD.community_code;
                UPDATE community_totals SET m_publicity = m_publicity + (NEW.deleted_at IS NULL) * NEW.m_publicity, m_role_models = m_role_models + (NEW.deleted_at IS NULL) * NEW.m_role_models, m_incubation = m_incubation + (NEW.deleted_at IS NULL) * NEW.m_incubation, error_records = error_records + (NEW.deleted_at IS NULL) * (NEW.error_count > 0), warning_records = warning_records + (NEW.deleted_at IS NULL) * (NEW.error_count = 0 AND NEW.warning_count > 0)
                WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET m_publicity = m_publicity + (SELECT COALESCE(SUM(m_publicity), 0) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_role_models = m_role_models + (SELECT COALESCE(SUM(m_role_models), 0) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), m_incubation = m_incubation + (SELECT COALESCE(SUM(m_incubation), 0) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), error_records = error_records + (SELECT COALESCE(SUM((error_count > 0)), 0) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL), warning_records = warning_records + (SELECT COALESCE(SUM((error_count = 0 AND warning_count > 0)), 0) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            """)
        }
        migrator.registerMigration("v4", foreignKeyChecks: .immediate) { db in
            // One audit entry per import instead of one per imported row: the imported values are the rows
            // themselves (ids first_id...last_id, contiguous within the import's transaction); every later change
            // still gets its own per-field audit row.
            try db.execute(sql: """
            CREATE TABLE import_batch (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                community_code TEXT NOT NULL,
                record_table TEXT NOT NULL,
                source TEXT NOT NULL,
                first_id INTEGER NOT NULL,
                last_id INTEGER NOT NULL,
                rows INTEGER NOT NULL
            );
            CREATE INDEX import_batch_by_range ON import_batch(record_table, first_id, last_id);
            CREATE TRIGGER import_batch_no_update BEFORE UPDATE ON import_batch
                BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            CREATE TRIGGER import_batch_no_delete BEFORE DELETE ON import_batch
                BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            """)
        }
        migrator.registerMigration("v5", foreignKeyChecks: .immediate) { db in
            // Register pages are keyset ranges in id order within a community: one index range read per page.
            try db.execute(sql: """
            CREATE INDEX person_by_community_id ON person(community_code, id);
            CREATE INDEX service_by_community_id ON service(community_code, id);
            CREATE INDEX activity_by_community_id ON activity(community_code, id);
            """)
        }
        migrator.registerMigration("v6", foreignKeyChecks: .immediate) { db in
            // Record counts per community (home screen, district overview) kept like the score totals; and the
            // operators with the communities they may change.
            try db.execute(sql: """
            ALTER TABLE community_totals ADD COLUMN persons INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE community_totals ADD COLUMN services INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE community_totals ADD COLUMN activities INTEGER NOT NULL DEFAULT 0;
            CREATE TRIGGER person_count_insert AFTER INSERT ON person WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET persons = persons + 1 WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER person_count_delete AFTER DELETE ON person WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET persons = persons - 1 WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER person_count_update AFTER UPDATE OF deleted_at, community_code ON person BEGIN
                UPDATE community_totals SET persons = persons - (OLD.deleted_at IS NULL) WHERE community_code = OLD.community_code;
                UPDATE community_totals SET persons = persons + (NEW.deleted_at IS NULL) WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET persons = (SELECT COUNT(*) FROM person X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            CREATE TRIGGER service_count_insert AFTER INSERT ON service WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET services = services + 1 WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER service_count_delete AFTER DELETE ON service WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET services = services - 1 WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER service_count_update AFTER UPDATE OF deleted_at, community_code ON service BEGIN
                UPDATE community_totals SET services = services - (OLD.deleted_at IS NULL) WHERE community_code = OLD.community_code;
                UPDATE community_totals SET services = services + (NEW.deleted_at IS NULL) WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET services = (SELECT COUNT(*) FROM service X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            CREATE TRIGGER activity_count_insert AFTER INSERT ON activity WHEN NEW.deleted_at IS NULL BEGIN
                UPDATE community_totals SET activities = activities + 1 WHERE community_code = NEW.community_code;
            END;
            CREATE TRIGGER activity_count_delete AFTER DELETE ON activity WHEN OLD.deleted_at IS NULL BEGIN
                UPDATE community_totals SET activities = activities - 1 WHERE community_code = OLD.community_code;
            END;
            CREATE TRIGGER activity_count_update AFTER UPDATE OF deleted_at, community_code ON activity BEGIN
                UPDATE community_totals SET activities = activities - (OLD.deleted_at IS NULL) WHERE community_code = OLD.community_code;
                UPDATE community_totals SET activities = activities + (NEW.deleted_at IS NULL) WHERE community_code = NEW.community_code;
            END;
            UPDATE community_totals SET activities = (SELECT COUNT(*) FROM activity X WHERE X.community_code = community_totals.community_code AND X.deleted_at IS NULL);
            CREATE TABLE operator_account (
                name TEXT PRIMARY KEY NOT NULL CHECK (length(trim(name)) > 0),
                role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
                created_at TEXT NOT NULL
            );
            CREATE TABLE operator_community (
                operator TEXT NOT NULL REFERENCES operator_account(name) ON DELETE CASCADE,
                community_code TEXT NOT NULL,
                PRIMARY KEY (operator, community_code)
            );
            """)
        }
        migrator.registerMigration("v7", foreignKeyChecks: .immediate) { db in
            // Browsers sort by these columns with keyset pages: (column, id) ranges within a community.
            try db.execute(sql: """
            CREATE INDEX person_by_survey_date ON person(community_code, survey_date);
            CREATE INDEX person_by_status ON person(community_code, status);
            CREATE INDEX person_by_community_id_number ON person(community_code, id_number);
            """)
        }
        migrator.registerMigration("v8", foreignKeyChecks: .immediate) { db in
            // Names sort by pinyin: a key column kept on every write and a community index for keyset pages.
            // Until issue 19 this migration also filled the column by calling app code; it no longer does (a
            // migration runs SQL only): `v14-search` resets `search_key_version`, and the first open computes
            // every key (SearchKeys.swift).
            try db.execute(sql: """
            ALTER TABLE person ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
            CREATE INDEX person_by_name_key ON person(community_code, name_key);
            """)
        }
        migrator.registerMigration("v9", foreignKeyChecks: .immediate) { db in
            // Every person index costs each imported row a B-tree insert (about 1 µs each; nine indexes made
            // SQLite's share of an import three times a bare table's). These four served little: names are
            // searched through `person_by_name_key` (the pinyin of what was typed, then the name itself), active
            // rows sort by ID number through the unique index, and status / survey date sort by a top-N pass over
            // one community, as the other unindexed columns do.
            try db.execute(sql: """
            DROP INDEX person_by_name;
            DROP INDEX person_by_status;
            DROP INDEX person_by_survey_date;
            DROP INDEX person_by_community_id_number;
            """)
        }
        migrator.registerMigration("v10", foreignKeyChecks: .immediate) { db in
            // The district-wide ID index gives way to a fixed-size Bloom filter of every ID number ever stored
            // (PersonsByIdNumber.swift says why): filled from the register, then kept by triggers. Bits are never
            // cleared, so deleting or restoring a person needs no trigger.
            // Both triggers add the new row's number: one statement, spelled out here so the migration stays frozen.
            let addNewNumber = """
                INSERT INTO person_id_filter (word, bits)
                VALUES ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 262139),
                        ((1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65521) % 64)) | (1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65519) % 64)) | (1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65497) % 64)) | (1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65479) % 64)) | (1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65449) % 64)) | (1 << ((abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER)) % 65447) % 64))))
                ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                """
            try db.execute(sql: """
            CREATE TABLE person_id_filter (word INTEGER PRIMARY KEY, bits INTEGER NOT NULL);
            INSERT INTO person_id_filter (word, bits)
            SELECT (abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 262139),
                   ((1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65521) % 64)) | (1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65519) % 64)) | (1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65497) % 64)) | (1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65479) % 64)) | (1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65449) % 64)) | (1 << ((abs(CAST(substr(id_number, 1, 17) AS INTEGER)) % 65447) % 64)))
            FROM person WHERE true
            ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
            CREATE TRIGGER person_id_filter_insert AFTER INSERT ON person BEGIN
                \(addNewNumber)
            END;
            CREATE TRIGGER person_id_filter_update AFTER UPDATE OF id_number ON person BEGIN
                \(addNewNumber)
            END;
            DROP INDEX person_by_id_number;
            """)
        }
        migrator.registerMigration("v11", foreignKeyChecks: .immediate) { db in
            // The filter's words moved into blocks of 64. The filter is gone since `v15-id-index` (which drops
            // these tables), so the folding this migration did through app code is no longer done.
            try db.execute(sql: "CREATE TABLE person_id_filter_block (block INTEGER PRIMARY KEY, bits BLOB NOT NULL)")
        }
        migrator.registerMigration("v12", foreignKeyChecks: .immediate) { db in
            // An import's filter keys wait here, one blob per import, until enough pile up to be folded into the
            // blocks (IdFilterPending.swift says why).
            try db.execute(sql: "CREATE TABLE person_id_filter_pending (batch INTEGER PRIMARY KEY, keys BLOB NOT NULL)")
        }
        migrator.registerMigration("v13", foreignKeyChecks: .immediate) { db in
            // A number's bits move from six in one word to three in each of two words (PersonsByIdNumber.swift says
            // why): triggers that set both words, and the filter rebuilt from the register. Spelled out here so the
            // migration stays frozen.
            let number = "abs(CAST(substr(NEW.id_number, 1, 17) AS INTEGER))"
            func addWord(_ words: Int, _ primes: [Int]) -> String {
                let mask = primes.map { "(1 << ((\(number) % \($0)) % 64))" }.joined(separator: " | ")
                return """
                    INSERT INTO person_id_filter (word, bits) VALUES ((\(number) % \(words)), (\(mask)))
                    ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                    """
            }
            let addNewNumber = addWord(262139, [65521, 65519, 65497]) + "\n" + addWord(262133, [65479, 65449, 65447])
            try db.execute(sql: """
                DROP TRIGGER person_id_filter_insert;
                DROP TRIGGER person_id_filter_update;
                DELETE FROM person_id_filter;
                DELETE FROM person_id_filter_block;
                DELETE FROM person_id_filter_pending;
                CREATE TRIGGER person_id_filter_insert AFTER INSERT ON person BEGIN
                    \(addNewNumber)
                END;
                CREATE TRIGGER person_id_filter_update AFTER UPDATE OF id_number ON person BEGIN
                    \(addNewNumber)
                END;
                """)
            // The filter was rebuilt from the register here, through app code; `v15-id-index` drops it.
        }
        migrator.registerMigration("v14", foreignKeyChecks: .immediate) { db in
            // One kept draft per form opened instead of one per operator: keeping a survey draft and then starting
            // (or discarding) another form lost the first. The old single draft is kept under its own slot.
            try db.execute(sql: """
                CREATE TABLE kept_draft (
                    operator TEXT NOT NULL,
                    slot TEXT NOT NULL,
                    content TEXT NOT NULL,
                    saved_at TEXT NOT NULL,
                    PRIMARY KEY (operator, slot)
                );
                INSERT INTO kept_draft (operator, slot, content, saved_at) SELECT operator, 'v2', content, saved_at FROM draft;
                DROP TABLE draft;
                """)
        }
        migrator.registerMigration("v14-search", foreignKeyChecks: .immediate) { db in
            // Finding persons (issue 17): ID numbers by their last four digits (what lists show), and names by
            // the other readings of polyphonic characters (`person_initials`, kept by the app; a changed name
            // drops its rows here so none can go stale). The keys themselves are computed by the app, not here:
            // `search_key_version` starts at 0, so the first open recomputes them (SearchKeys.swift).
            try db.execute(sql: """
                CREATE INDEX person_by_id_tail ON person(community_code, substr(id_number, 15));
                CREATE TABLE person_initials (
                    community_code TEXT NOT NULL,
                    initials TEXT NOT NULL,
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    PRIMARY KEY (community_code, initials, person_id)
                ) WITHOUT ROWID;
                CREATE INDEX person_initials_by_person ON person_initials(person_id);
                CREATE TRIGGER person_initials_name_changed AFTER UPDATE OF name ON person BEGIN
                    DELETE FROM person_initials WHERE person_id = NEW.id;
                END;
                CREATE TABLE search_key_version (version INTEGER NOT NULL);
                INSERT INTO search_key_version (version) VALUES (0);
                """)
        }
        migrator.registerMigration("v14-profile", foreignKeyChecks: .immediate) { db in
            // 负责人 and 联系电话 of the profile, printed on the self-assessment (评分表); optional.
            try db.execute(sql: """
                ALTER TABLE community ADD COLUMN leader TEXT;
                ALTER TABLE community ADD COLUMN phone TEXT;
                """)
        }
        migrator.registerMigration("v14-plan", foreignKeyChecks: .immediate) { db in
            // The plan's "services still missing": persons to be served twice who have fewer than two services,
            // read as one index range (a scan of a 50,000-person community took 64 ms; the plan's target is 20).
            try db.execute(sql: """
                CREATE INDEX person_short_of_services ON person(community_code, services_in_period)
                    WHERE deleted_at IS NULL AND m_service_targets = 1;
                """)
        }
        migrator.registerMigration("v15-id-index", foreignKeyChecks: .immediate) { db in
            // The ID-number Bloom filter (v10–v13) gives way to a plain index (issue 19; DECISIONS.md): it saved an
            // import into a district-sized file a few tens of milliseconds per 10,000 rows, which no one feels, at
            // the price of a key spelled in Swift and SQL, two triggers and three tables.
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS person_id_filter_insert;
                DROP TRIGGER IF EXISTS person_id_filter_update;
                DROP TABLE IF EXISTS person_id_filter;
                DROP TABLE IF EXISTS person_id_filter_block;
                DROP TABLE IF EXISTS person_id_filter_pending;
                CREATE INDEX person_by_id_number ON person(id_number);
                """)
        }
        registerEvaluation(&migrator)
        registerEntryEvents(&migrator)
        registerSpotCheckServices(&migrator)
        registerCityStage(&migrator)
        registerDistrictFilterIndexes(&migrator)
        registerServicesCountedByDay(&migrator)
        registerSpotCheckSeen(&migrator)
        return migrator
    }
}
