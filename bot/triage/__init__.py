"""The guided triage: which questions to ask, how to read the answers, what facts they make.

Pure logic, no Rasa and no I/O: the custom actions in `actions/` are thin glue around it, so
every rule of the conversation is unit-tested without a server.
"""
