// `downstream: ack` comments in every comment syntax, and the downstream.yml list.
#include <doctest/doctest.h>

#include "src/config/acknowledgement.h"
#include "src/config/config.h"

namespace ds::config {
namespace {

std::vector<Acknowledgement> Read(std::string_view text, CommentSyntax syntax, std::vector<ir::Diagnostic>& diagnostics) {
  return ReadAckComments("m.sql", text, syntax, diagnostics);
}

std::string Error(std::string_view directive) {
  Acknowledgement ack;
  return ParseAckDirective(directive, ack);
}

const std::vector<std::string> kRules = {"rename-column-in-use", "drop-column-in-use"};

}  // namespace

TEST_CASE("a SQL comment above a statement names its consumers, reason and expiry") {
  std::vector<ir::Diagnostic> diagnostics;
  auto acks = Read(
      "-- Email becomes email_address.\n"
      "-- downstream: ack analytics.customers, platform.* reason=\"moves to email_address in #412\" until=2026-12-31\n"
      "\n"
      "-- another comment\n"
      "ALTER TABLE users RENAME COLUMN email TO email_address;\n",
      CommentSyntax::kSql, diagnostics);
  REQUIRE(acks.size() == 1);
  CHECK(diagnostics.empty());
  CHECK(acks[0].consumers == std::vector<std::string>{"analytics.customers", "platform.*"});
  CHECK(acks[0].reason == "moves to email_address in #412");
  CHECK(acks[0].until == "2026-12-31");
  CHECK(acks[0].span.line == 2);
  CHECK(acks[0].span.column == 4);
  CHECK(acks[0].statement_line == 5);  // blank and comment lines stand between
  CHECK_FALSE(acks[0].trailing);
  CHECK(acks[0].in_source);
}

TEST_CASE("a trailing comment, '#' syntax, single quotes, escapes and spaces between consumers") {
  std::vector<ir::Diagnostic> diagnostics;
  auto acks = Read(
      "def upgrade():\n"
      "    op.alter_column('users', 'email', new_column_name='email_address')  # downstream: ack a.x b.y reason='it\\'s agreed'\n"
      "    op.execute(\"SELECT '#downstream: ack not.a.comment reason=x'\")\n",
      CommentSyntax::kHash, diagnostics);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].trailing);
  CHECK(acks[0].statement_line == 2);
  CHECK(acks[0].consumers == std::vector<std::string>{"a.x", "b.y"});
  CHECK(acks[0].reason == "it's agreed");
  CHECK(acks[0].until.empty());
}

TEST_CASE("a comment marker inside a string is not a comment; '--' is not a Python comment") {
  std::vector<ir::Diagnostic> diagnostics;
  CHECK(Read("SELECT '-- downstream: ack a reason=x';\n", CommentSyntax::kSql, diagnostics).empty());
  CHECK(Read("x = 1  -- downstream: ack a reason=x\n", CommentSyntax::kHash, diagnostics).empty());
  CHECK(diagnostics.empty());
  // Any case, and a repeated marker ("--- downstream:", "## downstream:").
  CHECK(Read("--- Downstream: ack a reason=x\nDROP TABLE t;\n", CommentSyntax::kSql, diagnostics).size() == 1);
  CHECK(Read("## DOWNSTREAM: ack a reason=x\ndrop_table :t\n", CommentSyntax::kHash, diagnostics).size() == 1);
  CHECK(diagnostics.empty());
}

TEST_CASE("a comment at the end of the file acknowledges no statement") {
  std::vector<ir::Diagnostic> diagnostics;
  auto acks = Read("ALTER TABLE t ADD COLUMN c int;\n-- downstream: ack a reason=x\n", CommentSyntax::kSql, diagnostics);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].statement_line == 0);
}

TEST_CASE("a malformed acknowledgement is an error on its line; the rest is still read") {
  std::vector<ir::Diagnostic> diagnostics;
  auto acks = Read(
      "-- downstream: ack analytics.customers\n"
      "ALTER TABLE a DROP COLUMN b;\n"
      "-- downstream: ack x reason=fine\n"
      "ALTER TABLE a DROP COLUMN c;\n",
      CommentSyntax::kSql, diagnostics);
  CHECK(acks.size() == 1);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == ir::Severity::kError);
  CHECK(diagnostics[0].code == ir::DiagCode::kMalformedAcknowledgement);
  CHECK(diagnostics[0].span.line == 1);
  CHECK(diagnostics[0].message.find("no reason") != std::string::npos);
}

TEST_CASE("what makes a directive malformed") {
  CHECK(Error(" ack a reason=x").empty());
  CHECK(Error(" ack a reason=\"x\" until=2028-02-29").empty());
  CHECK(Error(" ignore a reason=x").find("is not a directive") != std::string::npos);
  CHECK(Error(" ack reason=x").find("names no consumer") != std::string::npos);
  CHECK(Error(" ack a").find("no reason") != std::string::npos);
  CHECK(Error(" ack a reason=\"  \"").find("no reason") != std::string::npos);
  CHECK(Error(" ack a reason=\"open").find("not closed") != std::string::npos);
  CHECK(Error(" ack a reason=x until=2026-02-30").find("not a date") != std::string::npos);
  CHECK(Error(" ack a reason=x until=2027-02-29").find("not a date") != std::string::npos);
  CHECK(Error(" ack a reason=x until=31/12/2026").find("not a date") != std::string::npos);
  CHECK(Error(" ack a reason=x reason=y").find("twice") != std::string::npos);
  CHECK(Error(" ack a reson=x").find("did you mean reason=?") != std::string::npos);
  CHECK(Error(" ack a;drop reason=x").find("is not a view or model name") != std::string::npos);
}

TEST_CASE("dates") {
  CHECK(IsIsoDate("2026-12-31"));
  CHECK(IsIsoDate("2024-02-29"));
  CHECK_FALSE(IsIsoDate("2100-02-29"));
  CHECK_FALSE(IsIsoDate("2026-13-01"));
  CHECK_FALSE(IsIsoDate("2026-1-01"));
  CHECK_FALSE(IsIsoDate(""));
}

TEST_CASE("downstream.yml acknowledgements") {
  Result<Config> config = ParseConfig("downstream.yml",
                                      "acknowledgements:\n"
                                      "  - consumers: [analytics.customers, \"platform.*\"]\n"
                                      "    reason: \"agreed in #412\"\n"
                                      "    until: 2026-12-31\n"
                                      "    change: public.users.email\n"
                                      "    rule: rename-column-in-use\n"
                                      "    file: db/migrations/*.sql\n",
                                      kRules);
  REQUIRE(config.ok());
  REQUIRE(config->acknowledgements.size() == 1);
  const Acknowledgement& ack = config->acknowledgements[0];
  CHECK(ack.consumers == std::vector<std::string>{"analytics.customers", "platform.*"});
  CHECK(ack.reason == "agreed in #412");
  CHECK(ack.until == "2026-12-31");
  CHECK(ack.change == "public.users.email");
  CHECK(ack.rule == "rename-column-in-use");
  CHECK(ack.file == "db/migrations/*.sql");
  CHECK(ack.span.line == 2);
  CHECK_FALSE(ack.in_source);
}

TEST_CASE("downstream.yml acknowledgement mistakes are one sentence naming file, line and key") {
  auto error = [](const std::string& yaml) {
    Result<Config> config = ParseConfig("downstream.yml", yaml, kRules);
    REQUIRE_FALSE(config.ok());
    return config.error().message;
  };
  CHECK(error("acknowledgements:\n  - consumers: a\n") ==
        "downstream.yml:2: key 'acknowledgements[0]' needs a 'reason' (why the data team agreed)");
  CHECK(error("acknowledgements:\n  - reason: x\n") ==
        "downstream.yml:2: key 'acknowledgements[0]' needs 'consumers' (the views or models it releases, globs "
        "allowed)");
  CHECK(error("acknowledgements:\n  - consumers: a\n    reason: x\n    until: tomorrow\n") ==
        "downstream.yml:4: key 'acknowledgements[0].until' must be a date written YYYY-MM-DD, not 'tomorrow'");
  CHECK(error("acknowledgements:\n  - consumers: a\n    reason: x\n    rule: rename-colum-in-use\n") ==
        "downstream.yml:4: key 'acknowledgements[0].rule' is not a known rule id; did you mean "
        "'rename-column-in-use'?");
  CHECK(error("acknowledgements:\n  - consumers: a\n    reason: x\n    owner: y\n").find(
            "key 'acknowledgements[0].owner' is not known") != std::string::npos);
  CHECK(error("acknowledgements: yes\n") ==
        "downstream.yml:1: key 'acknowledgements' must be a list of {consumers, reason, until} entries");
}

}  // namespace ds::config
