// `downstream init` on the common layouts, then `check` on the first run: the written
// downstream.yml names what was found, init refuses to overwrite one, and says what to commit.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status;
  std::string out;
};

Outcome Run(const std::string& args) {
  std::string output;
  int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " " + args, &output);
  return {status, output};
}

const char* kView = "CREATE VIEW contacts AS SELECT id, email FROM %s;\n";

std::string View(const std::string& table) {
  std::string text = kView;
  return text.replace(text.find("%s"), 2, table);
}

struct Layout {
  const char* name;
  std::vector<std::pair<std::string, std::string>> files;  // the base
  std::pair<std::string, std::string> drop;                // the head: drops the column the consumer reads
  std::vector<std::string> written;                        // lines downstream.yml must hold
  std::string finding;                                     // in check's output
};

std::vector<Layout> Layouts() {
  const std::string alembic_users =
      "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"a1\"\ndown_revision = None\n\n\n"
      "def upgrade():\n    op.create_table(\"users\", sa.Column(\"id\", sa.Integer), sa.Column(\"email\", sa.Text))\n";
  const std::string django_users =
      "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n"
      "    dependencies = []\n    operations = [\n        migrations.CreateModel(\n            name=\"Customer\",\n"
      "            fields=[(\"id\", models.AutoField(primary_key=True)), (\"email\", models.EmailField())],\n"
      "        ),\n    ]\n";
  const std::string rails_users =
      "class CreateUsers < ActiveRecord::Migration[6.1]\n  def change\n    create_table :users do |t|\n"
      "      t.string :email\n    end\n  end\nend\n";
  return {
      {"sql",
       {{"db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n"},
        {"analytics/views/contacts.sql", View("users")}},
       {"db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n"},
       {"  - path: db/migrations", "    kind: sql", "  - path: analytics/views"},
       "db/migrations/V2__drop_email.sql:1:1: error: drops column public.users.email"},
      {"alembic",
       {{"alembic/env.py", ""}, {"alembic/versions/a1_users.py", alembic_users},
        {"analytics/views/contacts.sql", View("users")}},
       {"alembic/versions/b2_drop.py",
        "from alembic import op\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\ndef upgrade():\n"
        "    op.drop_column(\"users\", \"email\")\n"},
       {"  - path: alembic/versions", "    kind: alembic", "  - path: analytics/views"},
       "alembic/versions/b2_drop.py:8:5: error: drops column public.users.email"},
      {"django",
       {{"shop/migrations/__init__.py", ""}, {"shop/migrations/0001_initial.py", django_users},
        {"analytics/views/contacts.sql", View("shop_customer")}},
       {"shop/migrations/0002_remove.py",
        "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [(\"shop\", \"0001_initial\")]\n"
        "    operations = [\n        migrations.RemoveField(model_name=\"customer\", name=\"email\"),\n    ]\n"},
       {"  - path: shop/migrations", "    kind: django", "  - path: analytics/views"},
       "shop/migrations/0002_remove.py:7:9: error: drops column public.shop_customer.email"},
      {"rails",
       {{"db/migrate/20240101000000_create_users.rb", rails_users}, {"analytics/views/contacts.sql", View("users")}},
       {"db/migrate/20240102000000_drop_email.rb",
        "class DropEmail < ActiveRecord::Migration[6.1]\n  def change\n    remove_column :users, :email, :string\n"
        "  end\nend\n"},
       {"  - path: db/migrate", "    kind: rails", "  - path: analytics/views"},
       "db/migrate/20240102000000_drop_email.rb:3:5: error: drops column public.users.email"},
      {"dbt",
       {{"db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n"},
        {"analytics/dbt_project.yml", "name: shop\nversion: \"1.0.0\"\nconfig-version: 2\nmodel-paths: [\"models\"]\n"},
        {"analytics/models/sources.yml",
         "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n"},
        {"analytics/models/stg_users.sql", "select id, email from {{ source('app', 'users') }}\n"}},
       {"db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n"},
       {"  - path: db/migrations", "  - dbt: analytics", "warehouse:", "  mirrors:", "    raw_app: public"},
       "breaks model analytics.stg_users"},
  };
}

}  // namespace

TEST_CASE("init writes the layout it finds, and check works on the first run") {
  for (const Layout& layout : Layouts()) {
    SUBCASE(layout.name) {
      test::GitRepo repo;
      for (const auto& [path, text] : layout.files) repo.Write(path, text);
      repo.Commit("base");
      Outcome init = Run("init --repo " + repo.path());
      REQUIRE_MESSAGE(init.status == 0, init.out);
      CHECK(init.out.find("found ") != std::string::npos);
      CHECK(init.out.find("git add downstream.yml && git commit") != std::string::npos);
      std::string written = test::ReadFile(repo.path() + "/downstream.yml");
      for (const std::string& line : layout.written) CHECK_MESSAGE(written.find(line + "\n") != std::string::npos, written);
      repo.Commit("downstream: configuration");
      repo.Git("checkout -q -b change");
      repo.Write(layout.drop.first, layout.drop.second);
      repo.Commit("drop email");
      Outcome check = Run("check --repo " + repo.path());
      CHECK_MESSAGE(check.status == 1, check.out);
      CHECK_MESSAGE(check.out.find(layout.finding) != std::string::npos, check.out);
      CHECK_MESSAGE(check.out.find("detecting") == std::string::npos, check.out);  // the file was read
    }
  }
}

TEST_CASE("init refuses to overwrite a configuration, committed or not") {
  for (const char* name : {"downstream.yml", ".downstream.yml", "downstream.yaml", ".downstream.yaml"}) {
    SUBCASE(name) {
      test::GitRepo repo;
      repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint);\n");
      repo.Commit("base");
      repo.Write(name, "rules: {}\n");
      Outcome init = Run("init --repo " + repo.path());
      CHECK(init.status == 2);
      CHECK(init.out == "downstream: " + std::string(name) +
                            " already exists: init leaves it as it is (edit it, or remove it to start again)\n");
      CHECK(test::ReadFile(repo.path() + "/" + name) == "rules: {}\n");
    }
  }
}

TEST_CASE("init with nothing to find writes what to fill in, and says so") {
  test::GitRepo repo;
  repo.Write("README.md", "# an application\n");
  repo.Commit("base");
  Outcome init = Run("init --repo " + repo.path());
  CHECK(init.status == 0);
  CHECK(init.out.find("found no migrations: name them in downstream.yml\n") != std::string::npos);
  CHECK(init.out.find("found no view files or dbt project: name them in downstream.yml\n") != std::string::npos);
  std::string written = test::ReadFile(repo.path() + "/downstream.yml");
  CHECK(written.find("# migrations:\n#   - path: db/migrations\n") != std::string::npos);
}

TEST_CASE("init in a repository with no commit says to commit first") {
  test::GitRepo repo;
  Outcome init = Run("init --repo " + repo.path());
  CHECK(init.status == 2);
  CHECK(init.out == "downstream: the repository has no commit yet: commit the migrations, then run downstream init\n");
  CHECK_FALSE(fs::exists(repo.path() + "/downstream.yml"));
}

}  // namespace ds
