"""scoresheets"""
