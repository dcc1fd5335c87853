/* lanka-vocabulary.c
 *
 * Copyright 2026 The Länka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lanka-vocabulary"

#include "config.h"

#include "lanka-vocabulary.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  const char *code;
  const char *label;
  /* The label's context when it is not the vocabulary's: a label shared
   * with another vocabulary is translated once.
   */
  const char *context;
} Term;

/* The contexts keep labels apart that read the same in English but not in
 * Swedish ("Other" is "Annan" for an agency and "Annat" for a form of
 * exploitation).
 */
static const Term agency_types[] = {
  { "police", NC_("agency type", "Police") },
  { "prosecution", NC_("agency type", "Prosecution") },
  { "social_services", NC_("agency type", "Social services") },
  { "migration", NC_("agency type", "Migration Agency") },
  { "border_police", NC_("agency type", "Border police") },
  { "tax", NC_("agency type", "Tax Agency") },
  { "work_environment", NC_("agency type", "Work Environment Authority") },
  { "customs", NC_("agency type", "Customs") },
  { "county_board", NC_("agency type", "County administrative board") },
  { "national_coordination", NC_("agency type", "National coordination") },
  { "regional_coordinator", NC_("agency type", "Regional coordinator") },
  { "health", NC_("agency type", "Health care") },
  { "ngo", NC_("agency type", "Non-profit organisation") },
  { "shelter", NC_("agency type", "Protected housing") },
  { "international", NC_("agency type", "International organisation") },
  { "embassy", NC_("agency type", "Embassy") },
  { "legal", NC_("agency type", "Legal support") },
  { "other", NC_("agency type", "Other") },
};

static const Term support_types[] = {
  { "protected_housing", NC_("support type", "Protected housing") },
  { "health", NC_("support type", "Health care") },
  { "psychosocial", NC_("support type", "Psychosocial support") },
  { "legal", NC_("support type", "Legal support") },
  { "financial", NC_("support type", "Financial assistance") },
  { "interpreter", NC_("support type", "Interpreter") },
  { "education", NC_("support type", "Education") },
  { "livelihood", NC_("support type", "Work and livelihood") },
  { "social_care", NC_("support type", "Social care") },
  { "nsp_initial", NC_("support type", "NSP initial rest") },
  { "nsp_rehabilitation", NC_("support type", "NSP rehabilitation") },
  { "nsp_integration", NC_("support type", "NSP integration") },
  { "return", NC_("support type", "Return (ÅMP)") },
};

static const Term exploitations[] = {
  { "SexualExploitation", NC_("exploitation", "Sexual purposes") },
  { "ForcedLabour", NC_("exploitation", "Forced labour") },
  { "UnreasonableWorkingConditions", NC_("exploitation", "Work under manifestly unreasonable conditions") },
  { "ForcedBegging", NC_("exploitation", "Begging") },
  { "ForcedCriminality", NC_("exploitation", "Criminal activity") },
  { "OrganRemoval", NC_("exploitation", "Organ removal") },
  { "ForcedMilitaryService", NC_("exploitation", "War service") },
  { "ForcedMarriage", NC_("exploitation", "Forced marriage") },
  { "Servitude", NC_("exploitation", "Servitude") },
  { "ChildLabour", NC_("exploitation", "Child labour") },
  { "ForcedAdoption", NC_("exploitation", "Forced adoption") },
  { "Surrogacy", NC_("exploitation", "Surrogacy") },
  { "OtherSituationOfDistress", NC_("exploitation", "Other activity in a situation of distress") },
  { "Other", NC_("exploitation", "Other") },
};

static const Term accepts[] = {
  { "children", NC_("accepts", "Children") },
  { "accompanied_children", NC_("accepts", "Accompanied children") },
  { "women", NC_("accepts", "Women") },
  { "men", NC_("accepts", "Men") },
  { "transgender", NC_("accepts", "Transgender people") },
  { "pregnant", NC_("accepts", "Pregnant women") },
};

/* Place names, the same in every language Länka speaks. */
static const Term counties[] = {
  { "01", "Stockholm" },
  { "03", "Uppsala" },
  { "04", "Södermanland" },
  { "05", "Östergötland" },
  { "06", "Jönköping" },
  { "07", "Kronoberg" },
  { "08", "Kalmar" },
  { "09", "Gotland" },
  { "10", "Blekinge" },
  { "12", "Skåne" },
  { "13", "Halland" },
  { "14", "Västra Götaland" },
  { "17", "Värmland" },
  { "18", "Örebro" },
  { "19", "Västmanland" },
  { "20", "Dalarna" },
  { "21", "Gävleborg" },
  { "22", "Västernorrland" },
  { "23", "Jämtland" },
  { "24", "Västerbotten" },
  { "25", "Norrbotten" },
};

static const Term case_statuses[] = {
  { "intake", NC_("case status", "Intake") },
  { "assessment", NC_("case status", "Assessment in progress") },
  { "active", NC_("case status", "Active") },
  { "follow_up", NC_("case status", "Follow-up") },
  { "closed", NC_("case status", "Closed") },
  { "closed_referred", NC_("case status", "Closed – referred") },
  { "duplicate", NC_("case status", "Duplicate") },
};

static const Term nrm_steps[] = {
  { "1", NC_("NRM step", "Identification") },
  { "2", NC_("NRM step", "Immediate protection") },
  { "3", NC_("NRM step", "Initial support") },
  { "4", NC_("NRM step", "Long-term support") },
  { "5", NC_("NRM step", "Criminal proceedings") },
  { "6", NC_("NRM step", "Safe return") },
};

static const Term victim_statuses[] = {
  { "PossibleVictimOfTrafficking", NC_("victim status", "Presumed victim of human trafficking") },
  { "ActualVictimOfTrafficking", NC_("victim status", "Assessed victim of human trafficking") },
  { "NotAVictimOfTrafficking", NC_("victim status", "Not a victim of human trafficking") },
  { "PossibleVictimOfExploitation", NC_("victim status", "Presumed victim of human exploitation") },
};

static const Term assessors[] = {
  { "Police", NC_("assessed by", "Police") },
  { "NGO", NC_("assessed by", "Non-profit organisation") },
  { "CourtOrProsecution", NC_("assessed by", "Court or prosecutor") },
  { "SocialServices", NC_("assessed by", "Social services") },
  { "MigrationAgency", NC_("assessed by", "Migration Agency") },
  { "RegionalCoordinator", NC_("assessed by", "Regional coordinator") },
  { "Other", NC_("assessed by", "Other") },
};

static const Term sexual_types[] = {
  { "Prostitution", NC_("sexual exploitation", "Prostitution") },
  { "Pornography", NC_("sexual exploitation", "Pornography") },
  { "RemoteInteractiveServices", NC_("sexual exploitation", "Remote sexual services") },
  { "PrivateSexualServices", NC_("sexual exploitation", "Private sexual services") },
};

static const Term means_of_control[] = {
  { "DebtBondage", NC_("means of control", "Debt bondage") },
  { "TakesEarnings", NC_("means of control", "Takes earnings") },
  { "RestrictsFinancialAccess", NC_("means of control", "Restricts access to money") },
  { "PhysicalThreats", NC_("means of control", "Threats") },
  { "ThreatsLawEnforcement", NC_("means of control", "Threats of police or authorities") },
  { "ThreatensChildrenFamily", NC_("means of control", "Threats against children or family") },
  { "PsychologicalAbuse", NC_("means of control", "Psychological abuse") },
  { "PhysicalAbuse", NC_("means of control", "Physical abuse") },
  { "SexualAbuse", NC_("means of control", "Sexual abuse") },
  { "FalsePromises", NC_("means of control", "False promises") },
  { "PsychoactiveSubstance", NC_("means of control", "Drugs") },
  { "RestrictsMovement", NC_("means of control", "Restricts freedom of movement") },
  { "RestrictsMedicalCare", NC_("means of control", "Restricts access to care") },
  { "ExcessiveWorkingHours", NC_("means of control", "Excessive working hours") },
  { "UsesChildren", NC_("means of control", "Uses the children as leverage") },
  { "WithholdsNecessities", NC_("means of control", "Withholds food or housing") },
  { "WithholdsDocuments", NC_("means of control", "Takes passport or identity documents") },
  { "Other", NC_("means of control", "Other") },
  { "NotSpecified", NC_("means of control", "Not known") },
};

static const Term recruitments[] = {
  { "AtAPlaceOfBusiness", NC_("recruitment", "At a place of business") },
  { "AtAnEducationalInstitution", NC_("recruitment", "At a school or place of education") },
  { "AtWork", NC_("recruitment", "At work") },
  { "ThroughOnlineSocialNetworks", NC_("recruitment", "Through social media") },
  { "ThroughAnOnlineAdvertisement", NC_("recruitment", "Through an online advertisement") },
  { "ThroughATelevisionAdvert", NC_("recruitment", "Through a television advertisement") },
  { "ThroughANewspaperAdvert", NC_("recruitment", "Through a newspaper advertisement") },
  { "ThroughFamilyOrFamilyEvents", NC_("recruitment", "Through family") },
  { "ThroughFriendsOrSocialEvents", NC_("recruitment", "Through friends or social events") },
  { "Other", NC_("recruitment", "Other") },
};

static const Term recruiter_relations[] = {
  { "IntimatePartner", NC_("recruiter relation", "Intimate partner") },
  { "Friend", NC_("recruiter relation", "Friend") },
  { "Family", NC_("recruiter relation", "Family") },
  { "Other", NC_("recruiter relation", "Other") },
  { "Unknown", NC_("recruiter relation", "Unknown") },
};

static const Term genders[] = {
  { "Feminine", NC_("gender", "Woman") },
  { "Masculine", NC_("gender", "Man") },
  { "TransgenderFeminine", NC_("gender", "Trans woman") },
  { "TransgenderMasculine", NC_("gender", "Trans man") },
  { "NonConforming", NC_("gender", "Non-binary") },
  { "NonSpecifiedUnknown", NC_("gender", "Not known") },
};

static const Term roles[] = {
  { "victim", NC_("case role", "Victim") },
  { "accompanying_child", NC_("case role", "Accompanying child") },
  { "family", NC_("case role", "Family member") },
  { "guardian", NC_("case role", "Guardian or custodian") },
  { "suspected_perpetrator", NC_("case role", "Suspected perpetrator") },
  { "contact", NC_("case role", "Contact person") },
};

static const Term intakes[] = {
  { "anmalan", NC_("intake", "Report") },
  { "ansokan", NC_("intake", "Application") },
  { "annat_satt", NC_("intake", "Information in another way") },
};

static const Term identifiers[] = {
  { "NGO", NC_("identified by", "Non-profit organisation") },
  { "LawEnforcement", NC_("identified by", "Police or other law enforcement") },
  { "HealthServiceOrganisation", NC_("identified by", "Health care") },
  { "CentralGovernmentOrganisation", NC_("identified by", "Central government agency") },
  { "LocalGovernmentOrganisation", NC_("identified by", "Municipality or region") },
  { "ImmigrationService", NC_("identified by", "Migration Agency") },
  { "LegalService", NC_("identified by", "Legal services") },
  { "CorporateBusiness", NC_("identified by", "Company") },
  { "SchoolOrCollege", NC_("identified by", "School") },
  { "SelfReferral", NC_("identified by", "The person themselves") },
  { "Public", NC_("identified by", "Member of the public") },
  { "Helpline", NC_("identified by", "Helpline") },
  { "RegionalCoordinator", NC_("identified by", "Regional coordinator") },
};

static const Term permit_kinds[] = {
  { "reflection_period", NC_("permit kind", "Reflection period") },
  { "temporary_permit_investigation",
    NC_("permit kind", "Temporary permit for a preliminary investigation") },
  { "asylum", NC_("permit kind", "Asylum") },
  { "eu_right_of_residence", NC_("permit kind", "EU right of residence") },
  { "other", NC_("permit kind", "Other") },
};

static const Term permit_decisions[] = {
  { "granted", NC_("permit decision", "Granted") },
  { "rejected", NC_("permit decision", "Rejected") },
};

static const Term investigations[] = {
  { "none", NC_("investigation", "Not reported") },
  { "reported", NC_("investigation", "Reported to the police") },
  { "investigation", NC_("investigation", "Preliminary investigation in progress") },
  { "discontinued", NC_("investigation", "Preliminary investigation discontinued") },
  { "prosecuted", NC_("investigation", "Charges brought") },
  { "judgment", NC_("investigation", "Judgment given") },
  { "appealed", NC_("investigation", "Appealed") },
};

static const Term risks[] = {
  { "high", NC_("risk level", "High") },
  { "medium", NC_("risk level", "Medium") },
  { "low", NC_("risk level", "Low") },
};

static const Term journal_types[] = {
  { "meeting", NC_("journal entry type", "Meeting") },
  { "phone", NC_("journal entry type", "Phone") },
  { "home_visit", NC_("journal entry type", "Home visit") },
  { "agency_contact", NC_("journal entry type", "Contact with an agency") },
  { "consultation", NC_("journal entry type", "Consultation") },
  { "decision", NC_("journal entry type", "Decision") },
  { "report", NC_("journal entry type", "Report") },
  { "assessment", NC_("journal entry type", "Assessment") },
  { "measure", NC_("journal entry type", "Intervention") },
  { "other", NC_("journal entry type", "Other") },
};

static const Term closure_reasons[] = {
  { "goal_reached", NC_("closure reason", "Goal reached") },
  { "returned", NC_("closure reason", "Returned home") },
  { "transferred", NC_("closure reason", "Transferred") },
  { "declined", NC_("closure reason", "Declines further support") },
  { "unknown_whereabouts", NC_("closure reason", "Whereabouts unknown") },
  { "deceased", NC_("closure reason", "Deceased") },
  { "duplicate", NC_("closure reason", "Duplicate") },
  { "other", NC_("closure reason", "Other") },
};

static const Term case_flags[] = {
  { "threat", NC_("case flag", "Threat") },
  { "protected_identity", NC_("case flag", "Protected identity") },
  { "interpreter_required", NC_("case flag", "Interpreter needed") },
  { "pregnant", NC_("case flag", "Pregnant") },
  { "medical_needs", NC_("case flag", "Medical needs") },
  { "disability", NC_("case flag", "Disability") },
  { "missing_risk", NC_("case flag", "Risk of going missing") },
  { "violence_in_family", NC_("case flag", "Violence in the family") },
};

static const Term birth_precisions[] = {
  { "day", NC_("birth precision", "Exact date") },
  { "month", NC_("birth precision", "Month and year") },
  { "year", NC_("birth precision", "Year only") },
};

static const Term referral_statuses[] = {
  { "pending", NC_("referral status", "Sent, awaiting reply") },
  { "in_progress", NC_("referral status", "In progress") },
  { "accepted", NC_("referral status", "Accepted") },
  { "rejected", NC_("referral status", "Rejected") },
  { "done", NC_("referral status", "Done") },
  { "revoked", NC_("referral status", "Revoked") },
};

static const Term referral_outcomes[] = {
  { "implemented", NC_("referral outcome", "Carried out") },
  { "not_implemented", NC_("referral outcome", "Not carried out") },
  { "declined_by_person", NC_("referral outcome", "Declined by the person") },
};

/* HTCDS referral reasons, with the Swedish programmes beside them. */
static const Term referral_reasons[] = {
  { "AdditionalServicesRequired", NC_("referral reason", "Further support needed") },
  { "MigrationOrChangeOfLocation", NC_("referral reason", "Move") },
  { "Protection", NC_("referral reason", "Protection") },
  { "ReflectionPeriod", NC_("referral reason", "Application for a reflection period") },
  { "Return", NC_("referral reason", "Return (assisted voluntary return)") },
  { "SupportProgramme", NC_("referral reason", "National support programme") },
  { "Consultation", NC_("referral reason", "Consultation") },
  { "CrimeReport", NC_("referral reason", "Police report") },
  { "ChildConcernReport", NC_("referral reason", "Report of concern about a child") },
  { "Other", NC_("referral reason", "Other") },
};

static const Term disclosure_bases[] = {
  { "consent", NC_("disclosure basis", "Consent") },
  { "duty", NC_("disclosure basis", "Duty to disclose") },
  { "necessary", NC_("disclosure basis", "Necessary disclosure") },
  { "serious_crime", NC_("disclosure basis", "Suspected serious crime") },
  { "emergency", NC_("disclosure basis", "Emergency") },
  { "other", NC_("disclosure basis", "Other basis") },
};

/* What a referral may share: the parts of the case, one by one. */
static const Term share_categories[] = {
  { "identity", NC_("shared information", "Identity (names, personal identity number)") },
  { "contact", NC_("shared information", "Contact details") },
  { "people", NC_("shared information", "Family and other people") },
  { "exploitation", NC_("shared information", "Exploitation") },
  { "risk", NC_("shared information", "Risk and protection") },
  { "health", NC_("shared information", "Health and special needs") },
  { "permits", NC_("shared information", "Residence permits") },
  { "legal", NC_("shared information", "Police report and legal process") },
  { "plan", NC_("shared information", "Support plan") },
};

static const Term consent_givers[] = {
  { "person", NC_("consent given by", "The person") },
  { "guardian", NC_("consent given by", "Guardian") },
  { "god_man", NC_("consent given by", "Appointed guardian (god man)") },
};

static const Term consent_forms[] = {
  { "oral", NC_("consent form", "Oral") },
  { "written", NC_("consent form", "Written") },
};

static const Term task_kinds[] = {
  { "protection_assessment", NC_("task kind", "Protection assessment") },
  { "initial_assessment", NC_("task kind", "Initial assessment") },
  { "investigation_due", NC_("task kind", "Investigation to be completed") },
  { "reflection_period_ends", NC_("task kind", "Reflection period ends") },
  { "permit_ends", NC_("task kind", "Permit ends") },
  { "assessment_review", NC_("task kind", "Risk assessment review") },
  { "hearing", NC_("task kind", "Court hearing") },
  { "plan_follow_up", NC_("task kind", "Follow-up of support") },
  { "referral_follow_up", NC_("task kind", "Follow-up of referral") },
  { "retention_review", NC_("task kind", "Retention review") },
  { "manual", NC_("task kind", "Task") },
};

static const Term material_kinds[] = {
  { "slides", NC_("material kind", "Slides") },
  { "document", NC_("material kind", "Document") },
  { "video", NC_("material kind", "Video") },
  { "image", NC_("material kind", "Image") },
  { "link", NC_("material kind", "Link") },
  { "note", NC_("material kind", "Note") },
};

static const Term material_audiences[] = {
  { "police", NC_("material audience", "Police") },
  { "social_services", NC_("material audience", "Social services") },
  { "health", NC_("material audience", "Health care") },
  { "school", NC_("material audience", "School") },
  { "migration", NC_("material audience", "Migration Agency") },
  { "ngo", NC_("material audience", "Non-profit organisations") },
  { "public", NC_("material audience", "General public") },
  { "all", NC_("material audience", "Everyone") },
};

/* The forms of exploitation keep their codes and labels, so that a case's
 * form and the training on it are called the same.
 */
static const Term material_topics[] = {
  { "SexualExploitation", NC_("exploitation", "Sexual purposes"), "exploitation" },
  { "ForcedLabour", NC_("exploitation", "Forced labour"), "exploitation" },
  { "UnreasonableWorkingConditions",
    NC_("exploitation", "Work under manifestly unreasonable conditions"), "exploitation" },
  { "ForcedBegging", NC_("exploitation", "Begging"), "exploitation" },
  { "ForcedCriminality", NC_("exploitation", "Criminal activity"), "exploitation" },
  { "OrganRemoval", NC_("exploitation", "Organ removal"), "exploitation" },
  { "ForcedMilitaryService", NC_("exploitation", "War service"), "exploitation" },
  { "ForcedMarriage", NC_("exploitation", "Forced marriage"), "exploitation" },
  { "Servitude", NC_("exploitation", "Servitude"), "exploitation" },
  { "ChildLabour", NC_("exploitation", "Child labour"), "exploitation" },
  { "ForcedAdoption", NC_("exploitation", "Forced adoption"), "exploitation" },
  { "Surrogacy", NC_("exploitation", "Surrogacy"), "exploitation" },
  { "OtherSituationOfDistress",
    NC_("exploitation", "Other activity in a situation of distress"), "exploitation" },
  { "Other", NC_("exploitation", "Other"), "exploitation" },
  { "identification", NC_("material topic", "Identification") },
  { "child_perspective", NC_("material topic", "Child perspective") },
  { "cooperation", NC_("material topic", "Cooperation") },
  { "law", NC_("material topic", "Legislation") },
  { "support", NC_("material topic", "Support and protection") },
  { "return", NC_("material topic", "Return") },
};

static const struct {
  const Term *terms;
  guint       n_terms;
  const char *context;
} vocabularies[] = {
  [LANKA_VOCABULARY_AGENCY_TYPE] = { agency_types, G_N_ELEMENTS (agency_types), "agency type" },
  [LANKA_VOCABULARY_SUPPORT_TYPE] = { support_types, G_N_ELEMENTS (support_types), "support type" },
  [LANKA_VOCABULARY_EXPLOITATION] = { exploitations, G_N_ELEMENTS (exploitations), "exploitation" },
  [LANKA_VOCABULARY_ACCEPTS] = { accepts, G_N_ELEMENTS (accepts), "accepts" },
  [LANKA_VOCABULARY_COUNTY] = { counties, G_N_ELEMENTS (counties), NULL },
  [LANKA_VOCABULARY_CASE_STATUS] = { case_statuses, G_N_ELEMENTS (case_statuses), "case status" },
  [LANKA_VOCABULARY_NRM_STEP] = { nrm_steps, G_N_ELEMENTS (nrm_steps), "NRM step" },
  [LANKA_VOCABULARY_VICTIM_STATUS] = { victim_statuses, G_N_ELEMENTS (victim_statuses),
                                       "victim status" },
  [LANKA_VOCABULARY_ASSESSED_BY] = { assessors, G_N_ELEMENTS (assessors), "assessed by" },
  [LANKA_VOCABULARY_SEXUAL_TYPE] = { sexual_types, G_N_ELEMENTS (sexual_types),
                                     "sexual exploitation" },
  [LANKA_VOCABULARY_MEANS_OF_CONTROL] = { means_of_control, G_N_ELEMENTS (means_of_control),
                                          "means of control" },
  [LANKA_VOCABULARY_RECRUITMENT] = { recruitments, G_N_ELEMENTS (recruitments), "recruitment" },
  [LANKA_VOCABULARY_RECRUITER_RELATION] = { recruiter_relations, G_N_ELEMENTS (recruiter_relations),
                                            "recruiter relation" },
  [LANKA_VOCABULARY_GENDER] = { genders, G_N_ELEMENTS (genders), "gender" },
  [LANKA_VOCABULARY_ROLE] = { roles, G_N_ELEMENTS (roles), "case role" },
  [LANKA_VOCABULARY_INTAKE] = { intakes, G_N_ELEMENTS (intakes), "intake" },
  [LANKA_VOCABULARY_IDENTIFIED_BY] = { identifiers, G_N_ELEMENTS (identifiers), "identified by" },
  [LANKA_VOCABULARY_PERMIT_KIND] = { permit_kinds, G_N_ELEMENTS (permit_kinds), "permit kind" },
  [LANKA_VOCABULARY_PERMIT_DECISION] = { permit_decisions, G_N_ELEMENTS (permit_decisions),
                                         "permit decision" },
  [LANKA_VOCABULARY_INVESTIGATION] = { investigations, G_N_ELEMENTS (investigations),
                                       "investigation" },
  [LANKA_VOCABULARY_RISK] = { risks, G_N_ELEMENTS (risks), "risk level" },
  [LANKA_VOCABULARY_JOURNAL_TYPE] = { journal_types, G_N_ELEMENTS (journal_types),
                                      "journal entry type" },
  [LANKA_VOCABULARY_CLOSURE_REASON] = { closure_reasons, G_N_ELEMENTS (closure_reasons),
                                        "closure reason" },
  [LANKA_VOCABULARY_CASE_FLAG] = { case_flags, G_N_ELEMENTS (case_flags), "case flag" },
  [LANKA_VOCABULARY_BIRTH_PRECISION] = { birth_precisions, G_N_ELEMENTS (birth_precisions),
                                         "birth precision" },
  [LANKA_VOCABULARY_REFERRAL_STATUS] = { referral_statuses, G_N_ELEMENTS (referral_statuses),
                                         "referral status" },
  [LANKA_VOCABULARY_REFERRAL_OUTCOME] = { referral_outcomes, G_N_ELEMENTS (referral_outcomes),
                                          "referral outcome" },
  [LANKA_VOCABULARY_REFERRAL_REASON] = { referral_reasons, G_N_ELEMENTS (referral_reasons),
                                         "referral reason" },
  [LANKA_VOCABULARY_DISCLOSURE_BASIS] = { disclosure_bases, G_N_ELEMENTS (disclosure_bases),
                                          "disclosure basis" },
  [LANKA_VOCABULARY_SHARE_CATEGORY] = { share_categories, G_N_ELEMENTS (share_categories),
                                        "shared information" },
  [LANKA_VOCABULARY_CONSENT_GIVEN_BY] = { consent_givers, G_N_ELEMENTS (consent_givers),
                                          "consent given by" },
  [LANKA_VOCABULARY_CONSENT_FORM] = { consent_forms, G_N_ELEMENTS (consent_forms),
                                      "consent form" },
  [LANKA_VOCABULARY_TASK_KIND] = { task_kinds, G_N_ELEMENTS (task_kinds), "task kind" },
  [LANKA_VOCABULARY_MATERIAL_KIND] = { material_kinds, G_N_ELEMENTS (material_kinds),
                                       "material kind" },
  [LANKA_VOCABULARY_MATERIAL_AUDIENCE] = { material_audiences, G_N_ELEMENTS (material_audiences),
                                           "material audience" },
  [LANKA_VOCABULARY_MATERIAL_TOPIC] = { material_topics, G_N_ELEMENTS (material_topics),
                                        "material topic" },
};

/* Every LankaVocabulary value needs its row above. */
G_STATIC_ASSERT (G_N_ELEMENTS (vocabularies) == LANKA_VOCABULARY_MATERIAL_TOPIC + 1);

static const Term *
find_term (LankaVocabulary  vocabulary,
           const char      *code)
{
  g_assert (vocabulary < G_N_ELEMENTS (vocabularies));

  for (guint i = 0; code != NULL && i < vocabularies[vocabulary].n_terms; i++)
    if (strcmp (vocabularies[vocabulary].terms[i].code, code) == 0)
      return &vocabularies[vocabulary].terms[i];

  return NULL;
}

/**
 * lanka_vocabulary_get_n_codes:
 * @vocabulary: a #LankaVocabulary
 *
 * Returns: the number of codes in @vocabulary
 */
guint
lanka_vocabulary_get_n_codes (LankaVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), 0);

  return vocabularies[vocabulary].n_terms;
}

/**
 * lanka_vocabulary_get_code:
 * @vocabulary: a #LankaVocabulary
 * @position: a position below lanka_vocabulary_get_n_codes()
 *
 * Returns: the code at @position, in the order a list shows them
 */
const char *
lanka_vocabulary_get_code (LankaVocabulary vocabulary,
                           guint           position)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);
  g_return_val_if_fail (position < vocabularies[vocabulary].n_terms, NULL);

  return vocabularies[vocabulary].terms[position].code;
}

/**
 * lanka_vocabulary_contains:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: %TRUE if @code belongs to @vocabulary
 */
gboolean
lanka_vocabulary_contains (LankaVocabulary  vocabulary,
                           const char      *code)
{
  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), FALSE);

  return find_term (vocabulary, code) != NULL;
}

/**
 * lanka_vocabulary_get_label:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: (nullable): the label of @code in the current language, or
 *   %NULL for an unknown code
 */
const char *
lanka_vocabulary_get_label (LankaVocabulary  vocabulary,
                            const char      *code)
{
  const Term *term;

  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);

  if (!(term = find_term (vocabulary, code)))
    return NULL;

  if (term->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, term->context, term->label);

  if (vocabularies[vocabulary].context == NULL)
    return term->label;

  return g_dpgettext2 (GETTEXT_PACKAGE, vocabularies[vocabulary].context, term->label);
}

/**
 * lanka_vocabulary_get_source_label:
 * @vocabulary: a #LankaVocabulary
 * @code: (nullable): a code
 *
 * Returns: (nullable): the untranslated (English) label of @code
 */
const char *
lanka_vocabulary_get_source_label (LankaVocabulary  vocabulary,
                                   const char      *code)
{
  const Term *term;

  g_return_val_if_fail (vocabulary < G_N_ELEMENTS (vocabularies), NULL);

  if (!(term = find_term (vocabulary, code)))
    return NULL;

  return term->label;
}

/**
 * lanka_vocabulary_dup_reach:
 * @codes: (nullable): the county codes an agency serves
 * @national: whether it serves the whole country
 * @max_named: the most counties to name; with more, their number is given
 *
 * Where an agency works, as short as the place allows: "Whole country",
 * "Gävleborg, Uppsala", or "5 counties".
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL when the
 *   agency names no region
 */
char *
lanka_vocabulary_dup_reach (const char * const *codes,
                            gboolean            national,
                            guint               max_named)
{
  guint n_counties = codes != NULL ? g_strv_length ((char **)codes) : 0;
  g_autoptr(GString) names = NULL;

  if (national)
    return g_strdup (_("Whole country"));

  if (n_counties == 0)
    return NULL;

  if (n_counties > max_named)
    return g_strdup_printf (ngettext ("%u county", "%u counties", n_counties), n_counties);

  names = g_string_new (NULL);
  for (guint i = 0; i < n_counties; i++)
    {
      const char *name = lanka_vocabulary_get_label (LANKA_VOCABULARY_COUNTY, codes[i]);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name != NULL ? name : codes[i]);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}
