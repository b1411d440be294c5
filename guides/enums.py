"""Choices used by the study-guide models; each one is backed by a named CheckConstraint."""

from django.db import models


class GuideStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReviewState(models.TextChoices):
    """Where the working copy stands with the secretariat (conferences whose guides need approval)."""

    NONE = "none", "Not submitted"
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned with comments"


class SectionKind(models.TextChoices):
    LETTER = "letter", "Letter from the chairs"
    INTRODUCTION = "introduction", "Introduction"
    BACKGROUND = "background", "Background"
    UN_INVOLVEMENT = "un_involvement", "UN involvement"
    PREVIOUS_ATTEMPTS = "previous_attempts", "Previous attempts"
    POSSIBLE_SOLUTIONS = "possible_solutions", "Possible solutions"
    BLOC_POSITIONS = "bloc_positions", "Bloc positions"
    APPENDIX = "appendix", "Appendix"
    OTHER = "other", "Other"
    # Where the guide's lists go: the part's heading and text, then the list, at this place in the outline.
    KEY_TERMS = "key_terms", "Key terms (the glossary goes here)"
    MAJOR_PARTIES = "major_parties", "Major parties (the party cards go here)"
    TIMELINE = "timeline", "Timeline (the events go here)"
    QUESTIONS = "questions", "Questions (the questions go here)"


LIST_KINDS = ("key_terms", "major_parties", "timeline", "questions")


class Arrangement(models.TextChoices):
    CHAIR = "chair", "In the order the chairs give"
    ALPHABETICAL = "alphabetical", "Alphabetical"
    DATE = "date", "By date"


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


class StakeholderKind(models.TextChoices):
    MEMBER_STATE = "member_state", "Member state"
    UN_BODY = "un_body", "UN body"
    IGO = "igo", "Intergovernmental organisation"
    NGO = "ngo", "Non-governmental organisation"
    OTHER = "other", "Other"


class SourceKind(models.TextChoices):
    UN_DOCUMENT = "un_document", "UN document"
    TREATY = "treaty", "Treaty"
    GOVERNMENT_REPORT = "government_report", "Government report"
    NEWS = "news", "News"
    NGO_REPORT = "ngo_report", "NGO report"
    ACADEMIC = "academic", "Academic"
    WEB_PAGE = "web_page", "Web page"
    OTHER = "other", "Other"


class QuestionKind(models.TextChoices):
    RESOLUTION = "resolution", "Question a resolution must answer"
    RESEARCH = "research", "Research question for delegations"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
