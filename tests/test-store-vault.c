/* test-store-vault.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <sys/stat.h>

#include "lanka-audit.h"
#include "lanka-draft.h"
#include "lanka-keyring.h"
#include "lanka-slots.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-vault.h"

/* The vault against the session's real gnome-keyring (build-aux/run-headless
 * provides one): create, unlock each way, the failures a person can meet,
 * key rotation, backup and restore.  Every test has its own data directory
 * and removes its keyring items again.
 */

#define PASSPHRASE        "correct horse battery"
#define OTHER_PASSPHRASE  "lilla my i mumindalen"
#define DRAFT_KIND        "case"
#define DRAFT_OBJECT      "test"
#define DRAFT_CONTENT     "Förmodat offer, betänketid beviljad."

/* gnome-keyring's own interface, used to unlock with the password. */
#define GNOME_KEYRING_INTERFACE "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"

/* A prompt that nobody answers is closed after this long. */
#define PROMPT_TIMEOUT_SECONDS 5

typedef struct
{
  char       *data_dir;
  LankaVault *vault;
  GPtrArray  *uuids;
  GPtrArray  *dirs;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->data_dir = lanka_test_make_data_dir ();
  fixture->vault = lanka_vault_new (fixture->data_dir);
  fixture->uuids = g_ptr_array_new_with_free_func (g_free);
  fixture->dirs = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (!g_test_subprocess ())
    {
      for (guint i = 0; i < fixture->uuids->len; i++)
        {
          const char *uuid = g_ptr_array_index (fixture->uuids, i);

          lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, NULL);
          lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_PENDING, NULL, NULL);
        }
    }

  for (guint i = 0; i < fixture->dirs->len; i++)
    lanka_test_remove_tree (g_ptr_array_index (fixture->dirs, i));

  g_assert_finalize_object (fixture->vault);
  lanka_test_remove_tree (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->uuids, g_ptr_array_unref);
  g_clear_pointer (&fixture->dirs, g_ptr_array_unref);
}

static char *
fixture_make_dir (Fixture *fixture)
{
  char *dir = lanka_test_make_data_dir ();

  g_ptr_array_add (fixture->dirs, g_strdup (dir));
  return dir;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static LankaDatabase *
create_database (Fixture      *fixture,
                 LankaVault   *vault,
                 const char   *passphrase,
                 LankaSecret **recovery_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaSecret) code = NULL;
  LankaDatabase *database;

  lanka_vault_create_async (vault, passphrase, NULL, store_result_cb, &result);
  database = lanka_vault_create_finish (vault, wait_for (&result), &code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  g_assert_nonnull (code);

  g_ptr_array_add (fixture->uuids, g_strdup (lanka_database_get_uuid (database)));

  if (recovery_code != NULL)
    *recovery_code = g_steal_pointer (&code);

  return database;
}

static LankaDatabase *
unlock (LankaVault        *vault,
        LankaVaultMethod   method,
        const char        *secret,
        gboolean           store_in_keyring,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lanka_vault_unlock_async (vault, method, secret, store_in_keyring, NULL,
                            store_result_cb, &result);
  return lanka_vault_unlock_finish (vault, wait_for (&result), error);
}

static LankaDatabase *
unlock_fresh (const char        *data_dir,
              LankaVaultMethod   method,
              const char        *secret,
              GError           **error)
{
  g_autoptr(LankaVault) vault = lanka_vault_new (data_dir);

  return unlock (vault, method, secret, FALSE, error);
}

static void
close_database (LankaDatabase **database)
{
  if (*database == NULL)
    return;

  lanka_database_close (*database);
  g_clear_object (database);
}

static void
assert_unlocks (const char       *data_dir,
                LankaVaultMethod  method,
                const char       *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaDatabase) database = unlock_fresh (data_dir, method, secret, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  close_database (&database);
}

/* How a person might type a code read from paper: lower case, spaces. */
static char *
typed_like_a_person (const char *code)
{
  char *typed = g_ascii_strdown (code, -1);

  g_strdelimit (typed, "-", ' ');
  return typed;
}

static void
save_draft (LankaDatabase *database,
            const char    *object,
            const char    *content)
{
  g_autoptr(GBytes) bytes = g_bytes_new (content, strlen (content));
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_draft_save (database, DRAFT_KIND, object, bytes, &error));
  g_assert_no_error (error);
}

static void
assert_draft (LankaDatabase *database,
              const char    *object,
              const char    *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lanka_draft_load (database, DRAFT_KIND, object, NULL, &error);

  g_assert_no_error (error);
  if (content == NULL)
    {
      g_assert_null (bytes);
      return;
    }

  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   content, strlen (content));
}

static guint
count_audit (LankaDatabase *database,
             const char    *action,
             const char    *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lanka_audit_list (database, action, 0, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      LankaAuditEntry *entry = g_ptr_array_index (entries, i);

      if (detail == NULL || g_strcmp0 (entry->detail, detail) == 0)
        count++;
    }

  return count;
}

static char *
sha256_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Names, modes, sizes and SHA-256 of everything in @dir, sorted: equal
 * snapshots mean that nothing was created, removed or changed.
 */
static char *
snapshot_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) snapshot = g_string_new (NULL);
  const char *name;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_strdup ("(no directory)");

  handle = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (handle);

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sum = NULL;
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      sum = S_ISREG (st.st_mode) ? sha256_of_file (path) : g_strdup ("-");
      g_ptr_array_add (lines, g_strdup_printf ("%s %o %" G_GINT64_FORMAT " %s",
                                               name, st.st_mode & 0777,
                                               (gint64)st.st_size, sum));
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (snapshot, "%s\n", (const char *)g_ptr_array_index (lines, i));

  return g_string_free (g_steal_pointer (&snapshot), FALSE);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
file_in (const char *dir,
         const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_create_and_keyring (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) format = NULL;
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *slots_path = file_in (fixture->data_dir, LANKA_VAULT_SLOTS_NAME);
  g_autofree char *uuid = NULL;

  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, LANKA_VAULT_STATE_EMPTY);

  database = create_database (fixture, fixture->vault, NULL, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  save_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);

  format = g_regex_new ("^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$", 0, 0, NULL);
  g_assert_true (g_regex_match (format, code, 0, NULL));

  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, LANKA_VAULT_STATE_READY);
  g_assert_cmphex (file_mode (database_path), ==, 0600);
  g_assert_cmphex (file_mode (slots_path), ==, 0600);
  g_assert_false (lanka_vault_has_passphrase (fixture->vault));
  close_database (&database);

  /* A second create must not replace anything. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *before = snapshot_dir (fixture->data_dir);
    g_autofree char *after = NULL;
    LankaDatabase *again;

    lanka_vault_create_async (fixture->vault, NULL, NULL, store_result_cb, &result);
    again = lanka_vault_create_finish (fixture->vault, wait_for (&result), NULL, &error);
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_EXISTS);
    g_assert_null (again);
    g_clear_error (&error);

    after = snapshot_dir (fixture->data_dir);
    g_assert_cmpstr (before, ==, after);
  }

  /* The daily path: no question asked. */
  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lanka_database_get_uuid (database), ==, uuid);
  assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK, "keyring"), ==, 1);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK_FAILED, NULL), ==, 0);
  close_database (&database);

  /* The synchronous form, for the command line. */
  {
    g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);

    database = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (database);
    close_database (&database);
  }
}

static void
test_passphrase (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Too short: refused before anything is made. */
  lanka_vault_create_async (fixture->vault, "kort", NULL, store_result_cb, &result);
  database = lanka_vault_create_finish (fixture->vault, wait_for (&result), NULL, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_null (database);
  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, LANKA_VAULT_STATE_EMPTY);
  g_clear_error (&error);

  database = create_database (fixture, fixture->vault, PASSPHRASE, NULL);
  g_assert_true (lanka_vault_has_passphrase (fixture->vault));
  save_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  close_database (&database);

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, &error);
  g_assert_no_error (error);
  assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK, "passphrase"), ==, 1);
  close_database (&database);

  /* "å" as one character or as "a" and a combining ring is the same. */
  {
    g_autoptr(LankaVault) vault = NULL;
    g_autofree char *dir = fixture_make_dir (fixture);

    vault = lanka_vault_new (dir);
    database = create_database (fixture, vault, "blåbärssylt", NULL);
    close_database (&database);

    database = unlock_fresh (dir, LANKA_VAULT_METHOD_PASSPHRASE, "bla\xcc\x8a" "bärssylt", &error);
    g_assert_no_error (error);
    close_database (&database);
  }

  /* A wrong passphrase changes no file. */
  before = snapshot_dir (fixture->data_dir);
  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE,
                           &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_null (database);
  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_recovery_code (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *uuid = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  save_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  close_database (&database);

  /* Nothing but the code: the keyring lost its item. */
  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  g_assert_no_error (error);

  typed = typed_like_a_person (code);
  g_assert_cmpstr (typed, !=, code);

  {
    g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);

    database = unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, typed, FALSE, &error);
    g_assert_no_error (error);
    assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
    g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK, "recovery-code"), ==, 1);
    close_database (&database);
  }

  /* Without being asked, the vault does not put the key back. */
  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_assert_null (key);
  g_clear_error (&error);

  /* Asked, it does: the daily path works again. */
  {
    g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);

    database = unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, code, TRUE, &error);
    g_assert_no_error (error);
    close_database (&database);
  }

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
test_failed_unlocks (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaSecret) other_code = lanka_slots_new_recovery_code ();
  g_autoptr(LankaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *typo = NULL;

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  close_database (&database);

  vault = lanka_vault_new (fixture->data_dir);
  before = sha256_of_file (database_path);

  database = unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE, FALSE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_null (database);
  g_assert_cmpuint (lanka_vault_get_failed_unlocks (vault), ==, 1);
  g_clear_error (&error);

  database = unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, "", FALSE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_cmpuint (lanka_vault_get_failed_unlocks (vault), ==, 2);
  g_clear_error (&error);

  /* A well-formed code of another database is a wrong secret… */
  database = unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, other_code, FALSE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_cmpuint (lanka_vault_get_failed_unlocks (vault), ==, 3);
  g_clear_error (&error);

  /* …a typo is not: it is caught before any key is tried. */
  typo = g_strdup (code);
  typo[0] = typo[0] == '7' ? '8' : '7';
  database = unlock (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, typo, FALSE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE);
  g_assert_cmpuint (lanka_vault_get_failed_unlocks (vault), ==, 3);
  g_clear_error (&error);

  after = sha256_of_file (database_path);
  g_assert_cmpstr (before, ==, after);

  /* The next unlock writes one row with the count and starts again. */
  database = unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lanka_vault_get_failed_unlocks (vault), ==, 0);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK_FAILED, NULL), ==, 1);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK_FAILED, "3"), ==, 1);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK, "passphrase"), ==, 1);
  close_database (&database);

  database = unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK_FAILED, NULL), ==, 1);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_UNLOCK, NULL), ==, 2);
  close_database (&database);
}

static void
assert_code_invalid (const char *text,
                     const char *expected_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaSecret) normalized = lanka_recovery_code_normalize (text, &error);

  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_INVALID_RECOVERY_CODE);
  g_assert_null (normalized);

  /* The message says what is wrong, so that the person can fix it. */
  if (g_strstr_len (error->message, -1, expected_words) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected_words);
}

static void
assert_code_normalizes (const char *text,
                        const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaSecret) normalized = lanka_recovery_code_normalize (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
test_recovery_code_format (void)
{
  /* Pinned vectors: 16 zero bytes, 0x00 0x11 … 0xff, 16 × 0xff. */
  static const struct {
    guint8      first;
    guint8      step;
    const char *code;
  } vectors[] = {
    { 0x00, 0x00, "00000-00000-00000-00000-00000-0JK0W" },
    { 0x00, 0x11, "008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV" },
    { 0xff, 0x00, "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-WD0A6" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 bytes[LANKA_RECOVERY_CODE_BYTES];

      g_assert_true (lanka_slots_parse_recovery_code (vectors[i].code, bytes, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < LANKA_RECOVERY_CODE_BYTES; j++)
        g_assert_cmpuint (bytes[j], ==, (guint8)(vectors[i].first + j * vectors[i].step));

      assert_code_normalizes (vectors[i].code, vectors[i].code);
    }

  /* Case, spaces, missing or typographic dashes, O for 0, I and L for 1. */
  assert_code_normalizes ("008j4 ct4an k7f24 snaxw sqfez wgjjv",
                          "008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV");
  assert_code_normalizes ("008J4CT4ANK7F24SNAXWSQFEZWGJJV", "008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV");
  assert_code_normalizes ("  008J4\xe2\x80\x93" "CT4AN-K7F24-SNAXW-SQFEZ-WGJJV\n",
                          "008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV");
  assert_code_normalizes ("oo8J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV",
                          "008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV");
  assert_code_normalizes ("OOOOO-ooooo-00000-00000-00000-oJKOW",
                          "00000-00000-00000-00000-00000-0JK0W");
  {
    g_autoptr(LankaSecret) code = lanka_slots_new_recovery_code ();
    g_autoptr(GString) mangled = g_string_new (NULL);

    /* Every 0 and 1 of a random code typed as O, I or L. */
    for (const char *p = code; *p != '\0'; p++)
      {
        if (*p == '0')
          g_string_append_c (mangled, 'o');
        else if (*p == '1')
          g_string_append_c (mangled, (p - code) % 2 ? 'I' : 'l');
        else
          g_string_append_c (mangled, *p);
      }
    assert_code_normalizes (mangled->str, code);
  }

  /* Each mistake with its own explanation. */
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJW", "typo");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-VGJJV", "typo");
  assert_code_invalid ("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-XD0A6", "typo");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJ", "29");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV-0", "31");
  assert_code_invalid ("", "not 0");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXU-SQFEZ-WGJJV", "“U” in group 4");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJÅ", "“Å” in group 6");
  assert_code_invalid ("008J4-CT4AN-K7F24-SNAXW-SQFEZ-WGJJV+", "“+”");
}

static void
test_set_passphrase (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  close_database (&database);
  g_assert_false (lanka_vault_has_passphrase (fixture->vault));

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE);
  g_clear_error (&error);

  before = sha256_of_file (database_path);

  /* Set, through the keyring. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_KEYRING, NULL, PASSPHRASE,
                                      NULL, store_result_cb, &result);
    g_assert_true (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_true (lanka_vault_has_passphrase (fixture->vault));

  /* Too short. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE,
                                      "1234567", NULL, store_result_cb, &result);
    g_assert_false (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WEAK_PASSPHRASE);
    g_clear_error (&error);
  }

  /* Changed, proving the old one; a wrong old one changes nothing. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_PASSPHRASE,
                                      "not the passphrase", OTHER_PASSPHRASE,
                                      NULL, store_result_cb, &result);
    g_assert_false (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE,
                                      OTHER_PASSPHRASE, NULL, store_result_cb, &result);
    g_assert_true (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_no_error (error);
  }

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  /* Adding or changing a slot never touches the database. */
  after = sha256_of_file (database_path);
  g_assert_cmpstr (before, ==, after);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE);

  /* Removing is refused while the keyring does not hold the key… */
  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_RECOVERY_CODE, code, NULL,
                                      NULL, store_result_cb, &result);
    g_assert_false (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_true (lanka_vault_has_passphrase (fixture->vault));

  /* …and allowed once it does again. */
  {
    g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);

    database = unlock (vault, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE, TRUE, &error);
    g_assert_no_error (error);
    close_database (&database);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_set_passphrase_async (fixture->vault, LANKA_VAULT_METHOD_PASSPHRASE,
                                      OTHER_PASSPHRASE, NULL, NULL, store_result_cb, &result);
    g_assert_true (lanka_vault_set_passphrase_finish (fixture->vault, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_false (lanka_vault_has_passphrase (fixture->vault));

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE,
                           &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NO_PASSPHRASE);
  g_clear_error (&error);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code);
}

static void
test_renew_recovery_code (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaSecret) new_code = NULL;
  g_autoptr(LankaSecret) newest_code = NULL;
  g_autoptr(GError) error = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  close_database (&database);

  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_renew_recovery_code_async (fixture->vault, LANKA_VAULT_METHOD_KEYRING, NULL,
                                           NULL, store_result_cb, &result);
    new_code = lanka_vault_renew_recovery_code_finish (fixture->vault, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (new_code);
    g_assert_cmpstr (new_code, !=, code);
  }

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_assert_null (database);
  g_clear_error (&error);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, new_code);

  /* Renewing with the current code itself works as well; the old one is
   * then refused.
   */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_renew_recovery_code_async (fixture->vault, LANKA_VAULT_METHOD_RECOVERY_CODE, code,
                                           NULL, store_result_cb, &result);
    g_assert_null (lanka_vault_renew_recovery_code_finish (fixture->vault, wait_for (&result),
                                                           &error));
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_renew_recovery_code_async (fixture->vault, LANKA_VAULT_METHOD_RECOVERY_CODE,
                                           new_code, NULL, store_result_cb, &result);
    newest_code = lanka_vault_renew_recovery_code_finish (fixture->vault, wait_for (&result),
                                                          &error);
    g_assert_no_error (error);
  }

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, newest_code);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
test_rotate_key (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaSecret) new_code = NULL;
  g_autoptr(LankaKey) old_key = NULL;
  g_autoptr(LankaKey) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *slots_path = file_in (fixture->data_dir, LANKA_VAULT_SLOTS_NAME);
  g_autofree char *slots_text = NULL;
  g_autofree char *uuid = NULL;

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  save_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);

  old_key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* The passphrase is needed, and checked. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_rotate_key_async (fixture->vault, database, OTHER_PASSPHRASE, NULL,
                                  store_result_cb, &result);
    g_assert_null (lanka_vault_rotate_key_finish (fixture->vault, wait_for (&result), &error));
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_rotate_key_async (fixture->vault, database, PASSPHRASE, NULL,
                                  store_result_cb, &result);
    new_code = lanka_vault_rotate_key_finish (fixture->vault, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (new_code);
    g_assert_cmpstr (new_code, !=, code);
  }

  /* The open handle goes on working with the new key. */
  assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  save_draft (database, "after", "after rotation");
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_REKEY, NULL), ==, 1);
  close_database (&database);

  /* Nothing pending is left, in the file or in the keyring. */
  g_assert_true (g_file_get_contents (slots_path, &slots_text, NULL, NULL));
  g_assert_null (strstr (slots_text, "[Pending"));
  pending = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_PENDING, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The old key opens nothing; the old code is refused. */
  database = lanka_database_open (database_path, old_key, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
  g_assert_null (database);
  g_clear_error (&error);

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  /* Every slot has the new key. */
  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_no_error (error);
  assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
  assert_draft (database, "after", "after rotation");
  close_database (&database);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, new_code);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE);
}

static LankaDatabase *
restore (LankaVault        *vault,
         const char        *backup,
         LankaVaultMethod   method,
         const char        *secret,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lanka_vault_restore_async (vault, backup, method, secret, NULL, store_result_cb, &result);
  return lanka_vault_restore_finish (vault, wait_for (&result), error);
}

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = fixture_make_dir (fixture);
  g_autofree char *backup = file_in (backup_dir, "Länka backup.lankabackup");
  g_autofree char *uuid = NULL;
  g_autofree char *typed = NULL;

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  save_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);

  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_backup_async (fixture->vault, database, backup, NULL, store_result_cb, &result);
    g_assert_true (lanka_vault_backup_finish (fixture->vault, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_cmphex (file_mode (backup), ==, 0600);
  g_assert_cmpuint (count_audit (database, LANKA_AUDIT_BACKUP, NULL), ==, 1);
  close_database (&database);

  /* Nothing but the database and its key file stays in the data folder. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (!g_str_equal (name, LANKA_VAULT_DATABASE_NAME) && !g_str_equal (name, LANKA_VAULT_SLOTS_NAME))
        g_error ("A file other than the database and its key file is left: %s", name);
  }

  /* A fresh machine: an empty data folder, a keyring without the key,
   * only the file and the recovery code.
   */
  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  typed = typed_like_a_person (code);
  {
    g_autofree char *dir = fixture_make_dir (fixture);
    g_autoptr(LankaVault) vault = lanka_vault_new (dir);

    g_assert_cmpint (lanka_vault_get_state (vault), ==, LANKA_VAULT_STATE_EMPTY);

    database = restore (vault, backup, LANKA_VAULT_METHOD_RECOVERY_CODE, typed, &error);
    g_assert_no_error (error);
    g_assert_nonnull (database);
    g_assert_cmpstr (lanka_database_get_uuid (database), ==, uuid);
    assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
    g_assert_cmpuint (count_audit (database, LANKA_AUDIT_RESTORE, NULL), ==, 1);
    close_database (&database);

    g_assert_cmpint (lanka_vault_get_state (vault), ==, LANKA_VAULT_STATE_READY);
    assert_unlocks (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code);
    assert_unlocks (dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE);

    /* The restore put the key back into the keyring. */
    assert_unlocks (dir, LANKA_VAULT_METHOD_KEYRING, NULL);
  }

  /* The passphrase restores as well. */
  {
    g_autofree char *dir = fixture_make_dir (fixture);
    g_autoptr(LankaVault) vault = lanka_vault_new (dir);

    database = restore (vault, backup, LANKA_VAULT_METHOD_PASSPHRASE, OTHER_PASSPHRASE, &error);
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
    g_assert_null (database);
    g_clear_error (&error);

    database = restore (vault, backup, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE, &error);
    g_assert_no_error (error);
    assert_draft (database, DRAFT_OBJECT, DRAFT_CONTENT);
    close_database (&database);
  }
}

/* Locking closes the database while a backup may be copying it in a worker
 * thread: the close waits for the worker, nothing crashes, and the database
 * is closed when the backup is done.
 */
static void
test_lock_during_backup (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = fixture_make_dir (fixture);
  g_autofree char *backup = file_in (backup_dir, "while-locking.lankabackup");

  database = create_database (fixture, fixture->vault, NULL, NULL);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *object = g_strdup_printf ("draft-%u", i);

      save_draft (database, object, DRAFT_CONTENT);
    }

  lanka_vault_backup_async (fixture->vault, database, backup, NULL, store_result_cb, &result);

  /* The person presses Ctrl+L at once, and writes the lock row. */
  lanka_audit_log (database, LANKA_AUDIT_LOCK, NULL, NULL, NULL);
  lanka_database_close (database);
  g_assert_false (lanka_database_is_open (database));

  lanka_vault_backup_finish (fixture->vault, wait_for (&result), &error);
  g_clear_object (&result);

  /* The worker has let go: the handle is really closed now. */
  g_assert_false (lanka_database_is_open (database));
  g_assert_false (lanka_audit_log (database, LANKA_AUDIT_LOCK, NULL, NULL, NULL));
}

static void
test_restore_keeps_safety_copy (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *backup_dir = fixture_make_dir (fixture);
  g_autofree char *backup = file_in (backup_dir, "backup");
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *slots_path = file_in (fixture->data_dir, LANKA_VAULT_SLOTS_NAME);
  g_autofree char *database_sum = NULL;
  g_autofree char *slots_sum = NULL;
  const char *name;
  guint n_safety = 0;

  database = create_database (fixture, fixture->vault, NULL, &code);
  save_draft (database, DRAFT_OBJECT, "before the backup");
  g_assert_true (lanka_vault_backup (fixture->vault, database, backup, NULL, &error));
  g_assert_no_error (error);
  save_draft (database, DRAFT_OBJECT, "after the backup");
  save_draft (database, "later", "only after the backup");
  close_database (&database);

  database_sum = sha256_of_file (database_path);
  slots_sum = sha256_of_file (slots_path);

  database = restore (fixture->vault, backup, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_no_error (error);
  assert_draft (database, DRAFT_OBJECT, "before the backup");
  assert_draft (database, "later", NULL);
  close_database (&database);

  /* What was there is kept, unchanged, under a dated name. */
  dir = g_dir_open (fixture->data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = file_in (fixture->data_dir, name);
      g_autofree char *sum = NULL;

      if (!g_str_has_prefix (name, "lanka-before-restore-"))
        {
          g_assert_true (g_str_equal (name, LANKA_VAULT_DATABASE_NAME) ||
                         g_str_equal (name, LANKA_VAULT_SLOTS_NAME));
          continue;
        }

      sum = sha256_of_file (path);
      if (g_str_has_suffix (name, ".db"))
        g_assert_cmpstr (sum, ==, database_sum);
      else if (g_str_has_suffix (name, ".keys"))
        g_assert_cmpstr (sum, ==, slots_sum);
      else
        g_assert_not_reached ();
      n_safety++;
    }
  g_assert_cmpuint (n_safety, ==, 2);

  /* A second restore within the same second gets its own safety copy. */
  database = restore (fixture->vault, backup, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_no_error (error);
  close_database (&database);

  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (fixture->data_dir, 0, NULL);
  n_safety = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "lanka-before-restore-"))
      n_safety++;
  g_assert_cmpuint (n_safety, ==, 4);
}

static void
assert_not_a_backup (LankaVault *vault,
                     const char *path,
                     const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autofree char *before = snapshot_dir (lanka_vault_get_data_dir (vault));
  g_autofree char *after = NULL;

  database = restore (vault, path, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_NOT_A_BACKUP);
  g_assert_null (database);

  after = snapshot_dir (lanka_vault_get_data_dir (vault));
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_backup (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const gssize cuts[] = { 0, 5, 8, 9, 12, 13, 40, -1, -7, -4096 - 100 };
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = fixture_make_dir (fixture);
  g_autofree char *empty_dir = g_build_filename (other_dir, "empty", NULL);
  g_autofree char *backup = file_in (other_dir, "backup");
  g_autofree char *bad = file_in (other_dir, "bad");
  g_autofree char *contents = NULL;
  g_autoptr(LankaVault) empty_vault = lanka_vault_new (empty_dir);
  guint8 random_bytes[8192];
  gsize length = 0;

  database = create_database (fixture, fixture->vault, NULL, &code);
  g_assert_true (lanka_vault_backup (fixture->vault, database, backup, NULL, &error));
  g_assert_no_error (error);
  close_database (&database);

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir (empty_dir, 0700), ==, 0);

  /* Random bytes, a plaintext file, a database file on its own. */
  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (bad, (const char *)random_bytes, sizeof random_bytes, NULL));
  assert_not_a_backup (fixture->vault, bad, code);
  assert_not_a_backup (empty_vault, bad, code);

  g_assert_true (g_file_set_contents (bad, "Ärende 2026-17\n", -1, NULL));
  assert_not_a_backup (fixture->vault, bad, code);

  {
    g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);

    assert_not_a_backup (empty_vault, database_path, code);
  }

  /* Cut short anywhere: in the header, the key slots or the database. */
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      gsize keep = cuts[i] >= 0 ? (gsize)cuts[i] : length + cuts[i];

      g_assert_cmpuint (keep, <, length);
      g_assert_true (g_file_set_contents (bad, contents, keep, NULL));
      assert_not_a_backup (fixture->vault, bad, code);
      assert_not_a_backup (empty_vault, bad, code);
    }

  /* A version this build does not know. */
  contents[8] = 2;
  g_assert_true (g_file_set_contents (bad, contents, length, NULL));
  assert_not_a_backup (empty_vault, bad, code);

  /* The empty folder stayed empty. */
  {
    g_autofree char *snapshot = snapshot_dir (empty_dir);

    g_assert_cmpstr (snapshot, ==, "");
  }
}

static void
test_leftover_log_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *wal = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME "-wal");
  const char *name;
  gboolean kept = FALSE;

  /* A log file without its database is nothing to unlock… */
  g_assert_true (g_file_set_contents (wal, "left over", -1, NULL));
  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, LANKA_VAULT_STATE_EMPTY);

  /* …and a new database is not mixed with it, nor is it thrown away. */
  database = create_database (fixture, fixture->vault, NULL, NULL);
  close_database (&database);

  dir = g_dir_open (fixture->data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, LANKA_VAULT_DATABASE_NAME "-wal.orphaned-"))
        {
          g_autofree char *path = file_in (fixture->data_dir, name);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "left over");
          kept = TRUE;
        }
    }
  g_assert_true (kept);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
test_keyring_unlocked (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(LankaKey) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The keyring API on its own: store, find, replace, clear. */
  g_ptr_array_add (fixture->uuids, g_strdup (uuid));
  key = lanka_key_new_random ();
  g_assert_true (lanka_keyring_store (uuid, LANKA_KEYRING_SLOT_CURRENT, key, NULL, &error));
  g_assert_no_error (error);

  found = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_key_equal (key, found));
  g_clear_pointer (&found, lanka_key_free);

  found = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_PENDING, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&key, lanka_key_free);
  key = lanka_key_new_random ();
  g_assert_true (lanka_keyring_store (uuid, LANKA_KEYRING_SLOT_CURRENT, key, NULL, &error));
  found = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanka_key_equal (key, found));
  g_clear_pointer (&found, lanka_key_free);

  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  g_assert_no_error (error);
  found = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Through the vault: a lookup changes no file. */
  database = create_database (fixture, fixture->vault, NULL, NULL);
  g_clear_pointer (&uuid, g_free);
  uuid = g_strdup (lanka_database_get_uuid (database));
  close_database (&database);

  before = snapshot_dir (fixture->data_dir);
  found = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* gnome-keyring's own way to unlock with the password, without a prompt,
 * as the session does at login.
 */
static void
unlock_collection_with_password (const char *collection_path)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  const char *password = g_getenv ("LANKA_TEST_KEYRING_PASSWORD");
  GVariant *secret;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "OpenSession",
                                       g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                       G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(vo)", NULL, &session);

  secret = g_variant_new ("(o@ay@ays)",
                          session,
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, password,
                                                     strlen (password), 1),
                          "text/plain");

  unlocked = g_dbus_connection_call_sync (bus,
                                          "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                          GNOME_KEYRING_INTERFACE,
                                          "UnlockWithMasterPassword",
                                          g_variant_new ("(o@(oayays))", collection_path, secret),
                                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", session,
                               "org.freedesktop.Secret.Session", "Close",
                               NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
}

/* The default collection's object path, asked for afresh on the bus. */
static char *
read_default_collection_path (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"),
                                       G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(o)", &path);
  g_assert_cmpstr (path, !=, "/");

  return path;
}

static void
test_keyring_locked (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *collection_path = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GList objects = { NULL, NULL, NULL };

  /* Locking a real desktop session's keyring would be rude: only in the
   * throw-away session of build-aux/run-headless, whose password is known.
   */
  if (g_getenv ("LANKA_TEST_KEYRING_PASSWORD") == NULL)
    {
      g_test_skip ("needs the test keyring of build-aux/run-headless");
      return;
    }

  /* Not registered for the tear-down: the keyring daemon may not survive
   * the prompt below, and this process's libsecret would not know.
   */
  {
    g_autoptr(GAsyncResult) result = NULL;

    lanka_vault_create_async (fixture->vault, NULL, NULL, store_result_cb, &result);
    database = lanka_vault_create_finish (fixture->vault, wait_for (&result), NULL, &error);
    g_assert_no_error (error);
  }
  uuid = g_strdup (lanka_database_get_uuid (database));
  close_database (&database);
  before = snapshot_dir (fixture->data_dir);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  collection_path = g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)));

  objects.data = collection;
  g_assert_cmpint (secret_service_lock_sync (service, &objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);

  /* Locked is not "not found". */
  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_LOCKED);
  g_assert_null (key);
  g_clear_error (&error);

  /* The vault asks the Secret Service to prompt, in a process of its own
   * because the daemon may exit when its prompt is closed.
   */
  g_setenv ("LANKA_TEST_VAULT_DIR", fixture->data_dir, TRUE);
  g_setenv ("LANKA_TEST_VAULT_UUID", uuid, TRUE);
  g_test_trap_subprocess ("/store/vault/keyring/locked/subprocess/prompt", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);

  /* gnome-keyring's way to unlock with the password, as at login; it
   * starts the daemon again if it went away.
   */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&collection_path, g_free);
  collection_path = read_default_collection_path (bus);
  unlock_collection_with_password (collection_path);

  g_test_trap_subprocess ("/store/vault/keyring/locked/subprocess/after", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* gnome-keyring 42 exits when a prompt it shows through gcr-prompter is
 * dismissed, and libsecret 0.20.5 then completes its prompt task a second
 * time, with a critical warning and no harm.  Only those warnings are let
 * through; everything else stays fatal.
 */
static gboolean
tolerate_libsecret_prompt_bug (const char     *log_domain,
                               GLogLevelFlags  log_level,
                               const char     *message,
                               gpointer        user_data)
{
  if ((log_level & G_LOG_LEVEL_CRITICAL) != 0 &&
      (strstr (message, "g_task_return_error: assertion 'error != NULL' failed") != NULL ||
       strstr (message, "g_variant_unref: assertion 'value != NULL' failed") != NULL))
    {
      g_test_message ("tolerated after the keyring daemon exited: %s", message);
      return FALSE;
    }

  return TRUE;
}

static void
test_keyring_locked_prompt (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LankaVault) vault = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint timeout_id;

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs inside /store/vault/keyring/locked");
      return;
    }

  /* Nobody answers the prompt here, so the caller's cancellable closes it
   * after a while: the answer is "locked" or "cancelled", never a hang
   * and never "not found".
   */
  g_test_log_set_fatal_handler (tolerate_libsecret_prompt_bug, NULL);

  vault = lanka_vault_new (g_getenv ("LANKA_TEST_VAULT_DIR"));
  timeout_id = g_timeout_add_seconds (PROMPT_TIMEOUT_SECONDS, cancel_cb, cancellable);
  lanka_vault_unlock_async (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, cancellable,
                            store_result_cb, &result);
  database = lanka_vault_unlock_finish (vault, wait_for (&result), &error);
  g_assert_null (database);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_LOCKED);
  g_test_message ("locked keyring, prompt unanswered: %s", error->message);

  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout_id);
}

static void
test_keyring_locked_after (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = g_getenv ("LANKA_TEST_VAULT_UUID");

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs inside /store/vault/keyring/locked");
      return;
    }

  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  assert_unlocks (g_getenv ("LANKA_TEST_VAULT_DIR"), LANKA_VAULT_METHOD_KEYRING, NULL);

  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  g_assert_no_error (error);
}

static void
test_keyring_no_service (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  g_setenv ("LANKA_TEST_VAULT_DIR", fixture->data_dir, TRUE);
  g_setenv ("LANKA_TEST_VAULT_UUID", lanka_database_get_uuid (database), TRUE);
  close_database (&database);

  g_test_trap_subprocess ("/store/vault/keyring/no-service/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_keyring_no_service_subprocess (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *missing_bus = NULL;
  g_autofree char *new_dir = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *data_dir;
  const char *uuid;

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs inside /store/vault/keyring/no-service");
      return;
    }

  /* Before anything touches D-Bus: a session bus that is not there. */
  missing_bus = g_strdup_printf ("unix:path=%s/no-such-bus", fixture->data_dir);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", missing_bus, TRUE);

  data_dir = g_getenv ("LANKA_TEST_VAULT_DIR");
  uuid = g_getenv ("LANKA_TEST_VAULT_UUID");
  g_assert_nonnull (data_dir);
  g_assert_nonnull (uuid);

  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NO_SERVICE);
  g_clear_error (&error);
  key = lanka_keyring_lookup (uuid, LANKA_KEYRING_SLOT_CURRENT, TRUE, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NO_SERVICE);
  g_clear_error (&error);

  before = snapshot_dir (data_dir);
  database = unlock_fresh (data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NO_SERVICE);
  g_assert_null (database);
  g_clear_error (&error);
  after = snapshot_dir (data_dir);
  g_assert_cmpstr (before, ==, after);

  /* The passphrase is the way in without a keyring. */
  assert_unlocks (data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE);

  /* Creating without a keyring and without a passphrase would leave the
   * recovery code as the only way in: refused, and nothing is left.
   */
  new_dir = g_build_filename (fixture->data_dir, "new", NULL);
  {
    g_autoptr(LankaVault) vault = lanka_vault_new (new_dir);

    lanka_vault_create_async (vault, NULL, NULL, store_result_cb, &result);
    database = lanka_vault_create_finish (vault, wait_for (&result), NULL, &error);
    g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NO_SERVICE);
    g_assert_null (database);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_false (g_file_test (new_dir, G_FILE_TEST_EXISTS));

    /* With a passphrase it works. */
    g_assert_cmpint (g_mkdir (new_dir, 0700), ==, 0);
    lanka_vault_create_async (vault, PASSPHRASE, NULL, store_result_cb, &result);
    database = lanka_vault_create_finish (vault, wait_for (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (database);
    close_database (&database);
  }
  assert_unlocks (new_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE);
}

static void
test_keyring_item_deleted (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  close_database (&database);

  g_assert_true (lanka_keyring_clear (uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, &error));
  before = snapshot_dir (fixture->data_dir);

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_assert_null (database);
  g_clear_error (&error);

  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, LANKA_VAULT_STATE_READY);

  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code);
}

static void
test_keyring_outdated (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaKey) stale = lanka_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  uuid = g_strdup (lanka_database_get_uuid (database));
  close_database (&database);

  /* A key the key file does not know is an outdated item, not damage. */
  g_assert_true (lanka_keyring_store (uuid, LANKA_KEYRING_SLOT_CURRENT, stale, NULL, &error));
  before = snapshot_dir (fixture->data_dir);
  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_error (error, LANKA_KEYRING_ERROR, LANKA_KEYRING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);

  /* Unlocking with the code brings the item up to date. */
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
test_database_replaced (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autoptr(LankaVault) other_vault = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = fixture_make_dir (fixture);
  g_autofree char *other_database = file_in (other_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  database = create_database (fixture, fixture->vault, NULL, &code);
  close_database (&database);

  other_vault = lanka_vault_new (other_dir);
  database = create_database (fixture, other_vault, NULL, NULL);
  close_database (&database);

  /* Another Länka database in place of this one: the keys are right for
   * the key file, so the database is what is wrong.
   */
  source = g_file_new_for_path (other_database);
  target = g_file_new_for_path (database_path);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = snapshot_dir (fixture->data_dir);

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  database = unlock_fresh (fixture->data_dir, LANKA_VAULT_METHOD_RECOVERY_CODE, code, &error);
  g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_missing (Fixture         *fixture,
                LankaVaultState  state,
                LankaVaultError  code,
                const char      *recovery_code)
{
  static const LankaVaultMethod methods[] = {
    LANKA_VAULT_METHOD_KEYRING,
    LANKA_VAULT_METHOD_PASSPHRASE,
    LANKA_VAULT_METHOD_RECOVERY_CODE,
  };
  g_autofree char *before = snapshot_dir (fixture->data_dir);
  g_autofree char *after = NULL;

  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, state);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LankaDatabase) database = NULL;
      const char *secret = NULL;

      if (methods[i] == LANKA_VAULT_METHOD_PASSPHRASE)
        secret = PASSPHRASE;
      else if (methods[i] == LANKA_VAULT_METHOD_RECOVERY_CODE)
        secret = recovery_code;

      database = unlock (fixture->vault, methods[i], secret, FALSE, &error);
      g_assert_error (error, LANKA_VAULT_ERROR, code);
      g_assert_null (database);
    }

  /* Nothing is created in place of what is missing. */
  after = snapshot_dir (fixture->data_dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (lanka_vault_get_state (fixture->vault), ==, state);
}

static void
test_keys_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autofree char *slots_path = file_in (fixture->data_dir, LANKA_VAULT_SLOTS_NAME);
  g_autofree char *other_dir = fixture_make_dir (fixture);
  g_autofree char *kept = file_in (other_dir, LANKA_VAULT_SLOTS_NAME);

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  close_database (&database);

  g_assert_cmpint (g_rename (slots_path, kept), ==, 0);
  assert_missing (fixture, LANKA_VAULT_STATE_KEYS_MISSING, LANKA_VAULT_ERROR_KEYS_MISSING, code);

  /* Put back, everything works again. */
  g_assert_cmpint (g_rename (kept, slots_path), ==, 0);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

static void
test_database_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSecret) code = NULL;
  g_autofree char *database_path = file_in (fixture->data_dir, LANKA_VAULT_DATABASE_NAME);
  g_autofree char *other_dir = fixture_make_dir (fixture);
  g_autofree char *kept = file_in (other_dir, LANKA_VAULT_DATABASE_NAME);

  database = create_database (fixture, fixture->vault, PASSPHRASE, &code);
  close_database (&database);

  g_assert_cmpint (g_rename (database_path, kept), ==, 0);
  assert_missing (fixture, LANKA_VAULT_STATE_DATABASE_MISSING, LANKA_VAULT_ERROR_DATABASE_MISSING,
                  code);

  /* Create does not replace a database whose keys are still there. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    lanka_vault_create_async (fixture->vault, NULL, NULL, store_result_cb, &result);
    database = lanka_vault_create_finish (fixture->vault, wait_for (&result), NULL, &error);
    g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_EXISTS);
    g_assert_null (database);
  }

  g_assert_cmpint (g_rename (kept, database_path), ==, 0);
  assert_unlocks (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/store/vault/create-and-keyring", test_create_and_keyring);
  ADD_TEST ("/store/vault/passphrase", test_passphrase);
  ADD_TEST ("/store/vault/recovery-code", test_recovery_code);
  ADD_TEST ("/store/vault/failed-unlocks", test_failed_unlocks);
  g_test_add_func ("/store/vault/recovery-code-format", test_recovery_code_format);
  ADD_TEST ("/store/vault/set-passphrase", test_set_passphrase);
  ADD_TEST ("/store/vault/renew-recovery-code", test_renew_recovery_code);
  ADD_TEST ("/store/vault/rotate-key", test_rotate_key);
  ADD_TEST ("/store/vault/backup-restore", test_backup_restore);
  ADD_TEST ("/store/vault/lock-during-backup", test_lock_during_backup);
  ADD_TEST ("/store/vault/restore-keeps-safety-copy", test_restore_keeps_safety_copy);
  ADD_TEST ("/store/vault/not-a-backup", test_not_a_backup);
  ADD_TEST ("/store/vault/leftover-log-file", test_leftover_log_file);
  ADD_TEST ("/store/vault/database-replaced", test_database_replaced);
  ADD_TEST ("/store/vault/keyring/unlocked", test_keyring_unlocked);
  ADD_TEST ("/store/vault/keyring/no-service", test_keyring_no_service);
  ADD_TEST ("/store/vault/keyring/no-service/subprocess", test_keyring_no_service_subprocess);
  ADD_TEST ("/store/vault/keyring/item-deleted", test_keyring_item_deleted);
  ADD_TEST ("/store/vault/keyring/outdated", test_keyring_outdated);
  ADD_TEST ("/store/vault/keyring/keys-missing", test_keys_missing);
  ADD_TEST ("/store/vault/keyring/database-missing", test_database_missing);
  ADD_TEST ("/store/vault/keyring/locked", test_keyring_locked);
  ADD_TEST ("/store/vault/keyring/locked/subprocess/prompt", test_keyring_locked_prompt);
  ADD_TEST ("/store/vault/keyring/locked/subprocess/after", test_keyring_locked_after);

  return g_test_run ();
}
