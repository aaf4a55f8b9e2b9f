"""tonecheck"""
