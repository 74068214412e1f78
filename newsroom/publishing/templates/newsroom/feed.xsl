<?xml version="1.0" encoding="utf-8"?>
{#- The Atom feed's stylesheet: a browser that opens the feed shows this page, in the
    build's language. Jinja escapes every value; XSL prints the feed's own text escaped. -#}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/atom:feed">
<html lang="{{ language|e }}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title>{{ title|e }}</title>
<link rel="stylesheet" href="_static/styles/furo.css"/>
<link rel="stylesheet" href="_static/newsroom.css"/>
</head>
<body class="newsroom-feed-page">
<main class="newsroom-feed-main">
<h1>{{ title|e }}</h1>
<p class="newsroom-feed-about">{{ about|e }}</p>
<p><a href="{{ home|e }}">{{ home_label|e }}</a></p>
<h2>{{ latest|e }}</h2>
<ul class="news-list">
<xsl:for-each select="atom:entry">
<li>
<p class="news-headline"><a class="news-title" href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></p>
<p class="news-date"><time datetime="{substring(atom:published, 1, 10)}"><xsl:call-template name="date"><xsl:with-param name="iso" select="substring(atom:published, 1, 10)"/></xsl:call-template></time></p>
<xsl:if test="atom:summary"><p class="news-lead"><xsl:value-of select="atom:summary"/></p></xsl:if>
</li>
</xsl:for-each>
</ul>
</main>
</body>
</html>
</xsl:template>
<xsl:template name="date">
<xsl:param name="iso"/>
<xsl:variable name="day" select="number(substring($iso, 9, 2))"/>
<xsl:variable name="year" select="substring($iso, 1, 4)"/>
<xsl:choose>
{%- for month, expression in dates.items() %}
<xsl:when test="substring($iso, 6, 2) = '{{ month }}'"><xsl:value-of select="{{ expression|e }}"/></xsl:when>
{%- endfor %}
<xsl:otherwise><xsl:value-of select="$iso"/></xsl:otherwise>
</xsl:choose>
</xsl:template>
</xsl:stylesheet>
