"""Knowledge: the moderators' files (Markdown, text + sidecar, FAQ, glossary) read into a KnowledgeBase."""
