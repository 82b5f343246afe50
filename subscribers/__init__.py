"""The subscriber domain: who gets the newsletter, and what they follow.

``model`` validates a subscriber's fields, ``importer`` reads a CSV list,
``service`` adds, lists, unsubscribes and removes them in the store.
"""
