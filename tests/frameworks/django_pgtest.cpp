// Referee: Django itself. The project of tests/frameworks/corpus/django/project (three apps,
// foreign keys across apps, renames of fields, models and tables, many-to-many tables, a
// squash with its replaced migrations still present, RunSQL, SeparateDatabaseAndState; a model
// moved between apps through state_operations named in the class, a many-to-many removed, the
// project's own field classes, an order only migrate's plan gets right) is
// migrated by `django-admin migrate` (Debian's python3-django with python3-psycopg2) into a
// real PostgreSQL; the server's tables and views must equal our static replay.
#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/frameworks/referee.h"

namespace ds::test {
namespace {

const fs::path kProject = kCorpus / "django/project";

void Migrate(const std::string& db) {
  TempDir settings;
  const char* host = std::getenv("PGHOST");
  const char* port = std::getenv("PGPORT");
  settings.Write("referee_settings.py",
                 "SECRET_KEY = 'referee'\n"
                 "INSTALLED_APPS = ['shop', 'crm', 'blog', 'depot', 'archive', 'alerts']\n"
                 "USE_TZ = True\n"
                 "DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'\n"
                 "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': '" + db +
                     "', 'HOST': '" + std::string(host ? host : "") + "', 'PORT': '" +
                     std::string(port ? port : "") + "', 'USER': 'postgres'}}\n");
  std::string output;
  int status = RunCommand("cd " + kProject.string() + " && PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=" +
                              kProject.string() + ":" + settings.path() +
                              " DJANGO_SETTINGS_MODULE=referee_settings " + Python() +
                              " -m django migrate --noinput 2>&1",
                          &output);
  REQUIRE_MESSAGE(status == 0, "django migrate failed:\n" << output);
}

TEST_CASE("the Django corpus is big enough to mean something") {
  CHECK(FilesUnder(kProject, kProject, ".py").size() >= 9);
}

TEST_CASE("a Django project replayed statically equals what `migrate` builds in PostgreSQL") {
  Postgres pg = Postgres::FromEnvironment();
  std::string db = pg.CreateDatabase("django_project");
  Migrate(db);
  std::vector<std::string> files;
  for (const std::string& path : FilesUnder(kProject, kProject, ".py")) {
    // Migrations, and the modules their project field classes come from (read for context).
    if (path.find("/migrations/") != std::string::npos || path.ends_with("/fields.py")) files.push_back(path);
  }
  std::vector<ir::Diagnostic> diagnostics;
  catalog::Catalog ours = ReplayHistory(parsers::Framework::kDjango, kProject, files, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), "diagnostics:\n" << Dump(diagnostics));
  std::set<std::string> expected = DescribeDatabase(pg, db, {"public.django_migrations"});
  std::set<std::string> actual = DescribeCatalog(ours);
  CHECK_MESSAGE(expected == actual, "- PostgreSQL only, + ours only\n" << LineDiff(expected, actual));
}

}  // namespace
}  // namespace ds::test
