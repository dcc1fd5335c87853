/* test-reliability-rekey.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lanka-draft.h"
#include "lanka-keyring.h"
#include "lanka-slots.h"
#include "lanka-store-error.h"
#include "lanka-test-util.h"
#include "lanka-vault.h"

/* Kill -9 during key rotation, at random moments spread over every step of
 * the protocol (lanka-rekey-child reports each step), against the real
 * keyring.  After each kill:
 *
 *   - of all the keys that the keyring and the slots can give, exactly one
 *     opens the database;
 *   - a fresh start finds it: through the keyring, through the recovery
 *     code (exactly one of the old and the new code works) and, once one is
 *     set, through the passphrase;
 *   - no pending slot is left, and the data are intact.
 *
 * LANKA_TEST_REKEY_ITERATIONS sets the number of kills (50 by default).
 */

#define N_DRAFTS     400
#define DRAFT_SIZE   4096
#define PASSPHRASE   "correct horse battery"

/* What the child says, in order: a kill lands between two of these. */
static const char * const steps[] = {
  "ready",
  "generated",
  "pending-written",
  "pending-stored",
  "rekeyed",
  "promoted",
  "keyring-promoted",
  "done",
};

#define N_STEPS ((int)G_N_ELEMENTS (steps))

typedef struct
{
  char     *data_dir;
  char     *uuid;
  char     *code;
  gboolean  passphrase;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->data_dir = lanka_test_make_data_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->uuid != NULL)
    {
      lanka_keyring_clear (fixture->uuid, LANKA_KEYRING_SLOT_CURRENT, NULL, NULL);
      lanka_keyring_clear (fixture->uuid, LANKA_KEYRING_SLOT_PENDING, NULL, NULL);
    }

  lanka_test_remove_tree (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->uuid, g_free);
  g_clear_pointer (&fixture->code, lanka_secret_free);
}

static GBytes *
draft_content (guint index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (index);
  guint32 *words = g_new (guint32, DRAFT_SIZE / 4);

  for (guint i = 0; i < DRAFT_SIZE / 4; i++)
    words[i] = g_rand_int (rand);

  return g_bytes_new_take (words, DRAFT_SIZE);
}

static char *
draft_name (guint index)
{
  return g_strdup_printf ("%04u", index);
}

static void
fill_database (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lanka_database_begin (database, &error));
  for (guint i = 0; i < N_DRAFTS; i++)
    {
      g_autoptr(GBytes) content = draft_content (i);
      g_autofree char *name = draft_name (i);

      g_assert_true (lanka_draft_save (database, "case", name, content, &error));
    }
  g_assert_true (lanka_database_commit (database, &error));
  g_assert_no_error (error);
}

static void
assert_data_intact (LankaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = lanka_draft_list (database, "case", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, N_DRAFTS);

  for (guint i = 0; i < N_DRAFTS; i++)
    {
      g_autoptr(GBytes) expected = draft_content (i);
      g_autofree char *name = draft_name (i);
      g_autoptr(GBytes) content = lanka_draft_load (database, "case", name, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (content);
      g_assert_true (g_bytes_equal (content, expected));
    }

  g_assert_true (lanka_database_check (database, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
try_unlock (const char        *data_dir,
            LankaVaultMethod   method,
            const char        *secret)
{
  g_autoptr(LankaVault) vault = lanka_vault_new (data_dir);
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lanka_vault_unlock (vault, method, secret, FALSE, NULL, &error);
  if (database == NULL)
    {
      /* Only a wrong code may fail, never with a damaged database. */
      g_assert_error (error, LANKA_VAULT_ERROR, LANKA_VAULT_ERROR_WRONG_SECRET);
      return FALSE;
    }

  lanka_database_close (database);
  return TRUE;
}

static void
add_key (GPtrArray *keys,
         LankaKey  *key)
{
  if (key != NULL)
    g_ptr_array_add (keys, key);
}

/* Every key the keyring and the slots can give (for the codes known) is
 * tried on the database file itself: exactly one may open it.
 */
static void
assert_one_key_opens (Fixture    *fixture,
                      const char *new_code)
{
  static const LankaSlotStage stages[] = { LANKA_SLOT_STAGE_CURRENT, LANKA_SLOT_STAGE_PENDING };
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)lanka_key_free);
  g_autoptr(GPtrArray) opening = g_ptr_array_new ();
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_path = g_build_filename (fixture->data_dir, LANKA_VAULT_DATABASE_NAME,
                                                     NULL);
  g_autofree char *slots_path = g_build_filename (fixture->data_dir, LANKA_VAULT_SLOTS_NAME, NULL);
  const char *codes[] = { fixture->code, new_code };

  add_key (keys, lanka_keyring_lookup (fixture->uuid, LANKA_KEYRING_SLOT_CURRENT, FALSE,
                                       NULL, NULL));
  add_key (keys, lanka_keyring_lookup (fixture->uuid, LANKA_KEYRING_SLOT_PENDING, FALSE,
                                       NULL, NULL));

  slots = lanka_slots_load (slots_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (stages); j++)
      if (codes[i] != NULL && lanka_slots_has (slots, stages[j], LANKA_SLOT_RECOVERY))
        add_key (keys, lanka_slots_unwrap (slots, stages[j], LANKA_SLOT_RECOVERY, codes[i], NULL));

  g_assert_cmpuint (keys->len, >, 0);

  for (guint i = 0; i < keys->len; i++)
    {
      LankaKey *key = g_ptr_array_index (keys, i);
      g_autoptr(LankaDatabase) database = NULL;
      gboolean known = FALSE;

      database = lanka_database_open (database_path, key, &error);
      if (database == NULL)
        {
          g_assert_error (error, LANKA_STORE_ERROR, LANKA_STORE_ERROR_WRONG_KEY);
          g_clear_error (&error);
          continue;
        }
      lanka_database_close (database);

      for (guint j = 0; j < opening->len; j++)
        known |= lanka_key_equal (key, g_ptr_array_index (opening, j));
      if (!known)
        g_ptr_array_add (opening, key);
    }

  g_assert_cmpuint (opening->len, ==, 1);
}

static GSubprocess *
spawn_child (Fixture           *fixture,
             GDataInputStream **out)
{
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "lanka-rekey-child", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              child, fixture->data_dir,
                              fixture->passphrase ? PASSPHRASE : NULL,
                              NULL);
  g_assert_no_error (error);

  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  return process;
}

/* Returns the index of the step the line reports, -1 for a "code" line
 * (which sets @code) and N_STEPS - 1 … N_STEPS: "done", or the end of the
 * output.
 */
static int
read_step (GDataInputStream  *out,
           char             **code)
{
  g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);
  const char *name;

  if (line == NULL)
    return N_STEPS;

  if (g_str_has_prefix (line, "code "))
    {
      g_clear_pointer (code, lanka_secret_free);
      *code = g_strdup (line + strlen ("code "));
      return -1;
    }

  name = g_str_has_prefix (line, "step ") ? line + strlen ("step ") : line;
  for (int i = 0; i < N_STEPS; i++)
    if (g_str_equal (name, steps[i]))
      return i;

  g_error ("unexpected line from the child: %s", line);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
set_passphrase (Fixture *fixture)
{
  g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lanka_vault_set_passphrase_async (vault, LANKA_VAULT_METHOD_RECOVERY_CODE, fixture->code,
                                    PASSPHRASE, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (lanka_vault_set_passphrase_finish (vault, result, &error));
  g_assert_no_error (error);
  fixture->passphrase = TRUE;
}

static void
create (Fixture *fixture)
{
  g_autoptr(LankaVault) vault = lanka_vault_new (fixture->data_dir);
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lanka_vault_create_async (vault, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  database = lanka_vault_create_finish (vault, result, &fixture->code, &error);
  g_assert_no_error (error);
  fixture->uuid = g_strdup (lanka_database_get_uuid (database));

  fill_database (database);
  lanka_database_close (database);
}

/* A fresh start after the kill, as the application makes it. */
static void
verify (Fixture    *fixture,
        char      **new_code,
        guint       iteration,
        gboolean   *rotated)
{
  g_autofree char *slots_path = g_build_filename (fixture->data_dir, LANKA_VAULT_SLOTS_NAME, NULL);
  g_autoptr(LankaVault) vault = NULL;
  g_autoptr(LankaDatabase) database = NULL;
  g_autoptr(LankaSlots) slots = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = fixture->data_dir;
  gboolean old_works;
  gboolean new_works = FALSE;

  assert_one_key_opens (fixture, *new_code);

  /* Startup recovery runs inside whichever unlock comes first. */
  switch (iteration % 3)
    {
    case 0:
      if (iteration % 2 == 0 && *new_code != NULL)
        {
          new_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, *new_code);
          old_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, fixture->code);
        }
      else
        {
          old_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, fixture->code);
          if (*new_code != NULL)
            new_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, *new_code);
        }
      break;

    case 1:
      if (fixture->passphrase)
        {
          g_assert_true (try_unlock (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE));
          old_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, fixture->code);
          if (*new_code != NULL)
            new_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, *new_code);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case 2:
    default:
      g_assert_true (try_unlock (fixture->data_dir, LANKA_VAULT_METHOD_KEYRING, NULL));
      if (*new_code != NULL)
        new_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, *new_code);
      old_works = try_unlock (dir, LANKA_VAULT_METHOD_RECOVERY_CODE, fixture->code);
      break;
    }

  /* Exactly one of the two codes, never both, never neither. */
  g_assert_true (old_works != new_works);
  if (new_works)
    {
      lanka_secret_free (fixture->code);
      fixture->code = g_steal_pointer (new_code);
    }
  g_clear_pointer (new_code, lanka_secret_free);
  *rotated = new_works;

  /* The rotation is finished or undone, and the daily path works. */
  slots = lanka_slots_load (slots_path, &error);
  g_assert_no_error (error);
  g_assert_false (lanka_slots_has_pending (slots));

  vault = lanka_vault_new (fixture->data_dir);
  database = lanka_vault_unlock (vault, LANKA_VAULT_METHOD_KEYRING, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_data_intact (database);
  lanka_database_close (database);

  if (fixture->passphrase)
    g_assert_true (try_unlock (fixture->data_dir, LANKA_VAULT_METHOD_PASSPHRASE, PASSPHRASE));
}

static guint
iterations_from_environment (void)
{
  const char *text = g_getenv ("LANKA_TEST_REKEY_ITERATIONS");
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return 50;

  return (guint)value;
}

static void
test_rekey_survives_crash (Fixture       *fixture,
                           gconstpointer  user_data)
{
  guint iterations = iterations_from_environment ();
  guint killed_after[G_N_ELEMENTS (steps)] = { 0 };
  guint rotations = 0;
  gint64 times[G_N_ELEMENTS (steps)] = { 0 };
  gint64 started;

  create (fixture);

  /* One undisturbed rotation, to know how long each step takes. */
  {
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GDataInputStream) out = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *new_code = NULL;
    gint64 ready = 0;
    int step;

    process = spawn_child (fixture, &out);
    while ((step = read_step (out, &new_code)) < N_STEPS)
      {
        if (step == 0)
          ready = g_get_monotonic_time ();
        if (step >= 0)
          times[step] = g_get_monotonic_time () - ready;
      }

    g_assert_true (g_subprocess_wait_check (process, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (new_code);

    lanka_secret_free (fixture->code);
    fixture->code = g_steal_pointer (&new_code);

    g_test_message ("undisturbed rotation: generated %.1f ms, pending written %.1f, "
                    "pending stored %.1f, rekeyed %.1f, promoted %.1f, keyring %.1f, done %.1f",
                    times[1] / 1000.0, times[2] / 1000.0, times[3] / 1000.0, times[4] / 1000.0,
                    times[5] / 1000.0, times[6] / 1000.0, times[7] / 1000.0);
  }

  started = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *new_code = NULL;
      int window;
      int last = -1;
      int step;
      gint64 gap;
      gboolean rotated = FALSE;

      /* The last fifth runs with a passphrase slot as well. */
      if (!fixture->passphrase && iterations > 1 && i >= iterations - iterations / 5)
        set_passphrase (fixture);

      /* Kill between step window and window + 1, at a random point. */
      window = g_test_rand_int_range (0, N_STEPS - 1);
      gap = MAX (times[window + 1] - times[window], 1);

      process = spawn_child (fixture, &out);
      while (last < window && (step = read_step (out, &new_code)) < N_STEPS)
        last = MAX (last, step);

      g_usleep (g_test_rand_int_range (0, (gint32)MIN (gap, G_MAXINT32 - 1) + 1));
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);

      /* What the child managed to say before it died. */
      while ((step = read_step (out, &new_code)) < N_STEPS)
        last = MAX (last, step);
      killed_after[MAX (last, 0)]++;

      verify (fixture, &new_code, i, &rotated);
      rotations += rotated;
    }

  g_test_message ("%u kills in %.1f s; last step reported: ready %u, generated %u, "
                  "pending written %u, pending stored %u, rekeyed %u, promoted %u, "
                  "keyring %u, done %u; new key in force %u times, old key %u times",
                  iterations, (g_get_monotonic_time () - started) / 1e6,
                  killed_after[0], killed_after[1], killed_after[2], killed_after[3],
                  killed_after[4], killed_after[5], killed_after[6], killed_after[7],
                  rotations, iterations - rotations);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reliability/vault/rekey-survives-crash", Fixture, NULL,
              fixture_set_up, test_rekey_survives_crash, fixture_tear_down);

  return g_test_run ();
}
