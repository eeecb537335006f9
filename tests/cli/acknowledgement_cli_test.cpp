// Acknowledgements end to end: the real binary on a real repository, in every format, and the
// exit code they change (INTERFACE.md: 0 when every finding at --fail-on is acknowledged).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

// users.email renamed; two views read it. `ack` is the comment above the rename ("" for none).
struct RenameRepo {
  test::GitRepo repo;
  explicit RenameRepo(const std::string& ack) {
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW analytics.contacts AS SELECT id, email FROM users;\n");
    repo.Write("analytics/views/mailing.sql", "CREATE VIEW analytics.mailing AS SELECT email FROM users;\n");
    repo.Commit("base");
    repo.Write("db/migrations/V2__rename.sql", ack + "ALTER TABLE users RENAME COLUMN email TO email_address;\n");
    repo.Commit("head");
  }
  int Check(const std::string& flags, std::string& output) const {
    return test::RunCommand("timeout 60 " + std::string(DOWNSTREAM_BINARY) + " check -q --base HEAD~1 --repo " +
                                repo.path() + " " + flags,
                            &output);
  }
};

const std::string kBoth =
    "-- downstream: ack analytics.* reason=\"the data team moves to email_address in #412\" until=2026-12-31\n";

}  // namespace

TEST_CASE("an acknowledged finding stays in every output and no longer fails the check") {
  RenameRepo with(kBoth);
  std::string output;
  CHECK(with.Check("", output) == 0);
  CHECK(output.find("db/migrations/V2__rename.sql:2:1: error (acknowledged): renames column") != std::string::npos);
  CHECK(output.find("= acknowledged at db/migrations/V2__rename.sql:1:4 for analytics.*: \"the data team moves to "
                    "email_address in #412\" (until 2026-12-31)") != std::string::npos);
  CHECK(output.find("0 errors, 0 warnings, 1 acknowledged") != std::string::npos);

  CHECK(with.Check("--format json", output) == 0);
  nlohmann::json report = nlohmann::json::parse(output);
  REQUIRE(report["findings"].size() == 1);
  const nlohmann::json& finding = report["findings"][0];
  CHECK(finding["acknowledged"] == true);
  CHECK(finding["impacts"][0]["acknowledged"] == true);
  REQUIRE(finding["acknowledgements"].size() == 1);
  CHECK(finding["acknowledgements"][0]["reason"] == "the data team moves to email_address in #412");
  CHECK(finding["acknowledgements"][0]["until"] == "2026-12-31");
  CHECK(finding["acknowledgements"][0]["line"] == 1);
  CHECK(finding["acknowledgements"][0]["in_source"] == true);
  CHECK(finding["acknowledgements"][0]["expired"] == false);

  CHECK(with.Check("--format sarif", output) == 0);
  nlohmann::json sarif = nlohmann::json::parse(output);
  const nlohmann::json& suppression = sarif["runs"][0]["results"][0]["suppressions"][0];
  CHECK(suppression["kind"] == "inSource");
  CHECK(suppression["status"] == "accepted");
  CHECK(suppression["justification"] == "the data team moves to email_address in #412 (until 2026-12-31)");

  CHECK(with.Check("--format github", output) == 0);
  CHECK(output.find("::notice file=db/migrations/V2__rename.sql,line=2,endLine=2,col=1,title=rename-column-in-use "
                    "(acknowledged)::") != std::string::npos);
  CHECK(output.find("::error") == std::string::npos);

  CHECK(with.Check("--format markdown", output) == 0);
  CHECK(output.find("every break found is acknowledged") != std::string::npos);
  CHECK(output.find("<summary>Acknowledged (1)</summary>") != std::string::npos);
  CHECK(output.find("| Rule |") == std::string::npos);  // no findings table
}

TEST_CASE("without the acknowledgement, or with one naming only some consumers, the check fails") {
  std::string output;
  CHECK(RenameRepo("").Check("", output) == 1);
  RenameRepo partly("-- downstream: ack analytics.contacts reason=\"contacts moves first\"\n");
  CHECK(partly.Check("--format json", output) == 1);
  nlohmann::json report = nlohmann::json::parse(output);
  const nlohmann::json& finding = report["findings"][0];
  CHECK(finding["acknowledged"] == false);
  CHECK(finding["impacts"][0]["acknowledged"] == true);  // analytics.contacts
  CHECK_FALSE(finding["impacts"][1].contains("acknowledged"));
}

TEST_CASE("an expired acknowledgement releases nothing and says so") {
  RenameRepo expired("-- downstream: ack analytics.* reason=\"agreed for 2025\" until=2025-12-31\n");
  std::string output;
  CHECK(expired.Check("", output) == 1);
  CHECK(output.find("acknowledgement expired on 2025-12-31 (the head commit is dated 2026-01-01): it no longer "
                    "releases analytics.contacts, analytics.mailing [unused-acknowledgement]") != std::string::npos);
  CHECK(output.find("= acknowledgement expired at db/migrations/V2__rename.sql:1:4") != std::string::npos);
}

TEST_CASE("a malformed acknowledgement is an error on its line and releases nothing") {
  RenameRepo malformed("-- downstream: ack analytics.* until=2026-12-31\n");
  std::string output;
  CHECK(malformed.Check("--format json", output) == 1);
  nlohmann::json report = nlohmann::json::parse(output);
  CHECK(report["findings"][0]["acknowledged"] == false);
  REQUIRE(report["diagnostics"].size() == 1);
  CHECK(report["diagnostics"][0]["severity"] == "error");
  CHECK(report["diagnostics"][0]["code"] == "malformed-acknowledgement");
  CHECK(report["diagnostics"][0]["line"] == 1);
  CHECK(report["coverage"]["complete"] == true);  // nothing of the schema or the views was lost
}

}  // namespace ds
