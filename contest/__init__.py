"""contest"""
