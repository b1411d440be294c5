# Production image: gunicorn behind your TLS proxy; the same requirements and settings as development.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint's system libraries (Pango, HarfBuzz) for PDF export, and fonts for every script conferences use
# (Latin, Greek, Cyrillic: DejaVu; Arabic, Hebrew, Indic, Thai and more: Noto; Chinese, Japanese, Korean; emoji
# and flags). The same fonts as `make print-tools` installs for the tests.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .

# collectstatic needs settings but no real secret or database.
RUN SECRET_KEY=collectstatic-only SITE_URL=https://collectstatic.invalid python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --home /app mlmun && mkdir -p /app/media && chown mlmun /app/media
USER mlmun

EXPOSE 8000
# Migrations on start; DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and SITE_URL come from the environment.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && exec gunicorn mlmun.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
